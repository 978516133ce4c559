/**
 * Whether the warehouse holds any figure for a month (a row of the `observation` view): a report of
 * a month without one would cite figures that do not exist.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { firstDay, type Period } from '../core/period.ts';

/** True when `observation` has a row for `period`. */
export async function readMonthHeld(connection: DuckDBConnection, period: Period): Promise<boolean> {
  const held = await connection.runAndReadAll(
    `SELECT count(*) FROM observation WHERE period = CAST(? AS DATE)`,
    [firstDay(period)],
  );
  return Number(held.getRowsJS()[0]![0]) > 0;
}
