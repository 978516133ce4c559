/**
 * Display formatting for reports (SPEC §4): exact decimals in, Chinese display text out, rounded
 * half-up (四舍五入) only here. Pure; every report format goes through these functions.
 */
import { Decimal } from 'decimal.js';

/** A decimal-like input: a Decimal, a number or an exact decimal string (as DuckDB returns). */
export type DecimalInput = Decimal | string | number;

/** How many decimals percentages get: one in sentences, two in tables (SPEC §4), configurable. */
export interface PercentPlaces {
  readonly sentence: number;
  readonly table: number;
}

export const DEFAULT_PERCENT_PLACES: PercentPlaces = { sentence: 1, table: 2 };

const TEN_THOUSAND = new Decimal(10_000);
const HUNDRED_MILLION = new Decimal(100_000_000);

/** Round half-up to `places` decimals and print with exactly that many: `roundHalfUp('87.875', 2)` → `"87.88"`. */
export function roundHalfUp(value: DecimalInput, places: number): string {
  return new Decimal(value).toFixed(places, Decimal.ROUND_HALF_UP);
}

/** Exact 100 × part ÷ whole (no rounding): `percentOf(351500, 400000)` → 87.875. */
export function percentOf(part: DecimalInput, whole: DecimalInput): Decimal {
  return new Decimal(part).times(100).dividedBy(new Decimal(whole));
}

/** A percentage (already in percent) with `places` decimals: `formatPercent('89.142', 1)` → `"89.1%"`. */
export function formatPercent(value: DecimalInput, places = DEFAULT_PERCENT_PLACES.sentence): string {
  return `${roundHalfUp(value, places)}%`;
}

/**
 * A target or threshold rate as plans write it, without padding zeros: 93 → `"93%"`, 94.8 → `"94.8%"`.
 * At most two decimals.
 */
export function formatTargetPercent(value: DecimalInput): string {
  return `${new Decimal(roundHalfUp(value, 2)).toString()}%`;
}

/** Percentage points, unsigned, with `places` decimals: `formatPp('-5.83', 1)` → `"5.8"`. */
export function formatPp(value: DecimalInput, places = DEFAULT_PERCENT_PLACES.sentence): string {
  return roundHalfUp(new Decimal(value).abs(), places);
}

/** A count in its base unit without padding zeros: 3000 → `"3000"`, 12.5 → `"12.5"`. */
function plain(value: Decimal): string {
  return value.isInteger() ? value.toFixed(0) : new Decimal(roundHalfUp(value, 2)).toString();
}

/**
 * A quantity stored in base units, shown in its display unit (SPEC §4):
 * display units with 万 (万人, 万个, 万人次) use two decimals where the value is ≥ 1万 and the plain
 * count below (`"31.20万人"`, `"3000人"`); 亿元 likewise above 1亿 (then 万元 above 1万);
 * plain display units print the count; `%` prints a percentage.
 */
export function formatQuantity(
  value: DecimalInput,
  unit: string,
  displayUnit: string,
  percentPlaces = DEFAULT_PERCENT_PLACES.sentence,
): string {
  const v = new Decimal(value);
  if (unit === '%' || displayUnit === '%') return formatPercent(v, percentPlaces);
  const magnitude = v.abs();
  if (displayUnit.startsWith('亿')) {
    if (magnitude.gte(HUNDRED_MILLION)) return `${roundHalfUp(v.dividedBy(HUNDRED_MILLION), 2)}亿${unit}`;
    if (magnitude.gte(TEN_THOUSAND)) return `${roundHalfUp(v.dividedBy(TEN_THOUSAND), 2)}万${unit}`;
    return `${plain(v)}${unit}`;
  }
  if (displayUnit.startsWith('万') && magnitude.gte(TEN_THOUSAND)) {
    return `${roundHalfUp(v.dividedBy(TEN_THOUSAND), 2)}万${unit}`;
  }
  return `${plain(v)}${unit}`;
}

/** The factor from the base unit to a display unit: 万人 → 10000, 亿元 → 1e8, 人 → 1. */
export function displayFactor(displayUnit: string): Decimal {
  if (displayUnit.startsWith('亿')) return HUNDRED_MILLION;
  if (displayUnit.startsWith('万')) return TEN_THOUSAND;
  return new Decimal(1);
}

/** Where a figure stands against the time schedule, judged on the displayed (rounded) figure. */
export type ScheduleStatus = 'ahead' | 'behind' | 'level';

/**
 * The status of `aheadPp` (completion % − schedule %) at the displayed precision, so the words
 * never contradict the number: −0.04 shown with one decimal is 0.0, hence `level` (持平).
 */
export function scheduleStatus(
  aheadPp: DecimalInput,
  places = DEFAULT_PERCENT_PLACES.sentence,
): ScheduleStatus {
  const shown = new Decimal(roundHalfUp(aheadPp, places));
  if (shown.isZero()) return 'level';
  return shown.isPositive() ? 'ahead' : 'behind';
}

/**
 * 快于/慢于/持平 phrase (SPEC §5): `describeSchedule('5.83')` → `"快于时序进度5.8个百分点"`,
 * `describeSchedule('-1.25')` → `"慢于时序进度1.3个百分点"`, `describeSchedule('0.02')` → `"与时序进度持平"`.
 */
export function describeSchedule(aheadPp: DecimalInput, places = DEFAULT_PERCENT_PLACES.sentence): string {
  switch (scheduleStatus(aheadPp, places)) {
    case 'level':
      return '与时序进度持平';
    case 'ahead':
      return `快于时序进度${formatPp(aheadPp, places)}个百分点`;
    case 'behind':
      return `慢于时序进度${formatPp(aheadPp, places)}个百分点`;
  }
}

/** Signed percentage points for tables: `"+5.83"`, `"-3.33"`, `"0.00"`. */
export function formatSignedPp(value: DecimalInput, places = DEFAULT_PERCENT_PLACES.table): string {
  const shown = roundHalfUp(value, places);
  return new Decimal(shown).gt(0) ? `+${shown}` : shown.replace(/^-(0\.?0*)$/, '$1');
}
