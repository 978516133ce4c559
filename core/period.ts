/**
 * A report period: one calendar month (SPEC §5), written `YYYY-MM`. Every layer uses these
 * functions instead of slicing strings; the warehouse stores a period as the month's first day.
 */

/**
 * A calendar month as `YYYY-MM`. A literal such as `'2022-10'` is one; text from outside becomes
 * one only through `parsePeriod`, so a period in the product is always valid.
 */
export type Period = `${number}-${number}`;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PERIOD_DATE = /^(\d{4})-(0[1-9]|1[0-2])(?:-\d{2}(?:[ T].*)?)?$/;

/** The period for `year` and `month` (1–12); throws on a month outside 1–12 (a programmer error). */
export function periodOf(year: number, month: number): Period {
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12 ||
    year < 1000 ||
    year > 9999
  )
    throw new RangeError(`not a calendar month: ${year}-${month}`);
  return `${year}-${String(month).padStart(2, '0')}` as Period;
}

/** `YYYY-MM` (as users type it) → a period; null when the text is not one. */
export function parsePeriod(text: string): Period | null {
  const match = PERIOD.exec(text.trim());
  return match ? periodOf(Number(match[1]), Number(match[2])) : null;
}

/** The period of a date string (`YYYY-MM-DD`, with or without a time) or a `Date` in UTC fields. */
export function periodOfDate(date: string | Date): Period {
  if (date instanceof Date) return periodOf(date.getUTCFullYear(), date.getUTCMonth() + 1);
  const match = PERIOD_DATE.exec(date.trim());
  if (!match) throw new RangeError(`not a date: ${date}`);
  return periodOf(Number(match[1]), Number(match[2]));
}

/** The period of the local calendar month `date` falls in, by the machine's clock. */
export function periodOfLocalDate(date: Date): Period {
  return periodOf(date.getFullYear(), date.getMonth() + 1);
}

/** The year of a period. */
export function periodYear(period: Period): number {
  return Number(period.slice(0, 4));
}

/** The month (1–12) of a period. */
export function periodMonth(period: Period): number {
  return Number(period.slice(5, 7));
}

/** The period `months` later (negative: earlier). */
export function addMonths(period: Period, months: number): Period {
  const index = periodYear(period) * 12 + periodMonth(period) - 1 + months;
  return periodOf(Math.floor(index / 12), (index % 12) + 1);
}

/** The month's first day, `YYYY-MM-01`: how the warehouse stores a period (a DATE). */
export function firstDay(period: Period): string {
  return `${period}-01`;
}

/** January of the period's year. */
export function yearStart(period: Period): Period {
  return periodOf(periodYear(period), 1);
}

/** December of the year before: the base of a net change (净增). */
export function previousDecember(period: Period): Period {
  return periodOf(periodYear(period) - 1, 12);
}

/** `2022年10月` */
export function periodLabel(period: Period): string {
  return `${periodYear(period)}年${periodMonth(period)}月`;
}

/** `10月`: the month within its year. */
export function monthLabel(period: Period): string {
  return `${periodMonth(period)}月`;
}

/** The months a year-to-date figure covers: `1-10月`, `1月` for January. */
export function ytdLabel(period: Period): string {
  const month = periodMonth(period);
  return month === 1 ? '1月' : `1-${month}月`;
}

/** `2022年1-10月`: the year and the months a year-to-date figure covers. */
export function yearToDateLabel(period: Period): string {
  return `${periodYear(period)}年${ytdLabel(period)}`;
}

/** `2022年11月10日`: day `day` of the period's month, as 公文 write dates. */
export function dayLabel(period: Period, day: number): string {
  return `${periodLabel(period)}${day}日`;
}

/** Periods compare as strings; this says so where it matters. */
export function comparePeriods(a: Period, b: Period): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
