/**
 * Which month's bulletin a run should write: the latest month any district has reported, once every
 * expected return is in — or, failing that, from its deadline day on, naming the missing ones.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { addMonths, type Period } from '../core/period.ts';
import { readReturnCoverage } from '../warehouse/read-return-coverage.ts';

export type ReportDecision =
  | { readonly write: true; readonly period: Period; readonly missing: readonly string[] }
  | { readonly write: false; readonly period: Period | null; readonly reason: string };

/** Decide from the warehouse's current returns and the clock (`deadlineDay` of the following month, in `timezone`). */
export async function chooseReportPeriod(
  connection: DuckDBConnection,
  options: { now: Date; deadlineDay: number; timezone: string },
): Promise<ReportDecision> {
  const { latest, missing } = await readReturnCoverage(connection);
  if (!latest) return { write: false, period: null, reason: 'no district return has been loaded yet' };
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
