/**
 * Which month's bulletin a run should write: the latest month any district has reported, once every
 * expected return is in — or, failing that, from its deadline day on, naming the missing ones.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { addMonths, parsePeriod, type Period } from '../core/period.ts';

export type ReportDecision =
  | { readonly write: true; readonly period: Period; readonly missing: readonly string[] }
  | { readonly write: false; readonly period: Period | null; readonly reason: string };

/** Decide from the warehouse's current returns and the clock (`deadlineDay` of the following month, in `timezone`). */
export async function chooseReportPeriod(
  connection: DuckDBConnection,
  options: { now: Date; deadlineDay: number; timezone: string },
): Promise<ReportDecision> {
  const latestText = (
    await connection.runAndReadAll(
      `SELECT strftime(max(period), '%Y-%m') AS period FROM source_file
       WHERE source_kind = 'return' AND status <> 'rejected' AND superseded_at IS NULL`,
    )
  ).getRowObjectsJson()[0]?.period;
  const latest = typeof latestText === 'string' ? parsePeriod(latestText) : null;
  if (!latest) return { write: false, period: null, reason: 'no district return has been loaded yet' };
  const missing = (
    await connection.runAndReadAll(
      `SELECT r.name_zh FROM dim_region r JOIN dim_region p ON p.region_code = r.parent_code AND p.level = 'city'
       WHERE r.level = 'district' AND r.region_code NOT IN (
         SELECT region_code FROM source_file WHERE source_kind = 'return' AND status <> 'rejected'
           AND superseded_at IS NULL AND strftime(period, '%Y-%m') = $1)
       ORDER BY r.region_code`,
      [latest],
    )
  )
    .getRowObjectsJson()
    .map((row) => String(row.name_zh));
  if (missing.length === 0) return { write: true, period: latest, missing };
  const deadline = deadlineOf(latest, options.deadlineDay);
  if (localDate(options.now, options.timezone) >= deadline) return { write: true, period: latest, missing };
  return {
    write: false,
    period: latest,
    reason: `${missing.length} return(s) still missing (${missing.join('、')}); the bulletin waits until all are in or the deadline ${deadline}`,
  };
}

/** `YYYY-MM-DD` of the deadline for a report month: `day` of the following month. */
export function deadlineOf(period: Period, day: number): string {
  return `${addMonths(period, 1)}-${String(day).padStart(2, '0')}`;
}

/** The calendar date of `instant` in `timezone`, `YYYY-MM-DD`. */
export function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
