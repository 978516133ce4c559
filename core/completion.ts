/**
 * Progress arithmetic on exact decimals (SPEC §3, §5): completion against a target, 时序进度,
 * 个百分点 ahead, met, "提前 N 个月完成", and month ↔ year-to-date for flows. Pure functions; the
 * `completion` view computes the same in SQL, and tests hold the two to the same figures.
 */
import { Decimal } from 'decimal.js';
/** Target direction: reach at least, or stay at most. */
type Direction = 'at_least' | 'at_most';

const HUNDRED = new Decimal(100);

/** actual ÷ target × 100, exact. Null when the target is zero. */
export function completionPct(actual: Decimal, target: Decimal): Decimal | null {
  return target.isZero() ? null : actual.times(HUNDRED).div(target);
}

/**
 * 时序进度 for month `month` (1–12) of a window of years: months elapsed ÷ months in the window × 100
 * (N ÷ 12 for a single year), or the indicator's seasonal profile (cumulative %, December = 100).
 */
export function schedulePct(
  month: number,
  window: { startYear: number; endYear: number; year: number } = { startYear: 0, endYear: 0, year: 0 },
  profile: readonly number[] | null = null,
): Decimal {
  if (month < 1 || month > 12 || !Number.isInteger(month))
    throw new RangeError(`month must be 1–12, got ${month}`);
  const years = window.endYear - window.startYear + 1;
  if (profile && years === 1) return new Decimal(profile[month - 1]!);
  const elapsed = (window.year - window.startYear) * 12 + month;
  return new Decimal(elapsed).times(HUNDRED).div(years * 12);
}

/** Completion minus schedule, in 个百分点 (> 0: 快于时序进度). */
export function aheadPp(completion: Decimal, schedule: Decimal): Decimal {
  return completion.minus(schedule);
}

/** The target itself is reached: at_least → actual ≥ target; at_most (a ceiling) → actual ≤ target. */
export function isMet(actual: Decimal, target: Decimal, direction: Direction): boolean {
  return direction === 'at_least' ? actual.gte(target) : actual.lte(target);
}

/**
 * "提前 N 个月完成全年任务": given year-to-date values by month (index 0 = January), the first month
 * whose YTD reached the target, and how many months before the deadline month (12 unless given).
 * Null when the target is not reached.
 */
export function firstMonthMet(
  ytdByMonth: ReadonlyArray<Decimal | null>,
  target: Decimal,
  deadlineMonth = 12,
): { month: number; monthsEarly: number } | null {
  for (const [index, ytd] of ytdByMonth.entries()) {
    if (ytd !== null && ytd.gte(target))
      return { month: index + 1, monthsEarly: Math.max(0, deadlineMonth - (index + 1)) };
  }
  return null;
}

/** Month values from year-to-date values: month(1) = YTD(1), month(N) = YTD(N) − YTD(N−1); null where a YTD is missing. */
export function monthsFromYtd(ytd: ReadonlyArray<Decimal | null>): Array<Decimal | null> {
  return ytd.map((value, i) => {
    if (value === null) return null;
    if (i === 0) return value;
    const previous = ytd[i - 1];
    return previous === null || previous === undefined ? null : value.minus(previous);
  });
}

/** Year-to-date values from month values; null from the first missing month on. */
export function ytdFromMonths(months: ReadonlyArray<Decimal | null>): Array<Decimal | null> {
  let total: Decimal | null = new Decimal(0);
  return months.map((value) => {
    total = total === null || value === null ? null : total.plus(value);
    return total;
  });
}
