/**
 * Last month's year-to-date figures of a district, as the warehouse holds them: what a new return's
 * 累计 must not fall below (SPEC §7 `ytd_decreased`) and what its 本月 must add up to.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from 'decimal.js';
import { addMonths, firstDay, periodMonth, periodOfDate, yearStart, type Period } from '../core/period.ts';

/**
 * Per flow indicator in `codes`, the YTD through the month before `period` from the district's
 * current returns: its 1-(N−1)月累计, else the sum of months 1..N−1 when all are there.
 */
export async function readPreviousYtd(
  connection: DuckDBConnection,
  region: string,
  period: Period,
  codes: ReadonlySet<string>,
): Promise<Map<string, Decimal>> {
  const result = new Map<string, Decimal>();
  const month = periodMonth(period);
  if (month === 1 || codes.size === 0) return result;
  const reader = await connection.runAndReadAll(
    `SELECT indicator_code, strftime(period, '%Y-%m-%d') AS period, measure, value::VARCHAR AS value FROM fact_value
     WHERE source_kind = 'return' AND superseded_at IS NULL AND region_code = ? AND measure IN ('ytd', 'month')
       AND period >= CAST(? AS DATE) AND period < CAST(? AS DATE)`,
    [region, firstDay(yearStart(period)), firstDay(period)],
  );
  const last = addMonths(period, -1);
  const sums = new Map<string, { sum: Decimal; months: number }>();
  for (const row of reader.getRowObjectsJson()) {
    const code = row.indicator_code as string;
    if (!codes.has(code)) continue;
    const value = new Decimal(row.value as string);
    if (row.measure === 'ytd' && periodOfDate(String(row.period)) === last) result.set(code, value);
    if (row.measure === 'month') {
      const s = sums.get(code) ?? { sum: new Decimal(0), months: 0 };
      sums.set(code, { sum: s.sum.plus(value), months: s.months + 1 });
    }
  }
  for (const [code, s] of sums) if (!result.has(code) && s.months === month - 1) result.set(code, s.sum);
  return result;
}
