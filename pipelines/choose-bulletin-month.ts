/**
 * Which month's bulletin is due: the latest month with accepted district returns, once every district
 * has reported, or from the deadline day of the following month on with the missing districts named.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';

export interface BulletinDecision {
  /** `YYYY-MM`, or null when no return was ever accepted. */
  readonly period: string | null;
  readonly due: boolean;
  /** District names whose return for `period` is missing. */
  readonly missing: readonly string[];
  /** Why (for the run log). */
  readonly reason: string;
}

/** Decide on the bulletin at `now`, with returns due by `deadlineDay` of the following month (in `timezone`). */
export async function chooseBulletinMonth(
  connection: DuckDBConnection,
  catalogue: Catalogue,
  options: { now: Date; deadlineDay: number; timezone: string },
): Promise<BulletinDecision> {
  const reader = await connection.runAndReadAll(
    `SELECT strftime(period, '%Y-%m') AS period, list(DISTINCT region_code) AS regions
     FROM source_file
     WHERE source_kind = 'return' AND status IN ('loaded', 'revised') AND superseded_at IS NULL
       AND period = (SELECT max(period) FROM source_file WHERE source_kind = 'return' AND status IN ('loaded', 'revised'))
     GROUP BY period`,
  );
  const row = reader.getRowObjectsJS()[0] as { period: string; regions: string[] } | undefined;
  if (!row) return { period: null, due: false, missing: [], reason: 'no district return accepted yet' };
  const received = new Set(row.regions);
  const missing = catalogue.regions
    .filter((r) => r.level === 'district' && !received.has(r.code))
    .map((r) => r.nameZh);
  if (missing.length === 0) return { period: row.period, due: true, missing, reason: 'all returns are in' };
  const deadline = deadlineOf(row.period, options.deadlineDay);
  const today = localDate(options.now, options.timezone);
  return today >= deadline
    ? {
        period: row.period,
        due: true,
        missing,
        reason: `deadline ${deadline} passed; missing: ${missing.join('、')}`,
      }
    : {
        period: row.period,
        due: false,
        missing,
        reason: `waiting for ${missing.length} return(s) until ${deadline}`,
      };
}

/** `YYYY-MM-DD` of the deadline for the returns of `period`. */
export function deadlineOf(period: string, deadlineDay: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-${String(deadlineDay).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of `now` in `timezone`. */
export function localDate(now: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
