/**
 * When the last completed run of a command finished, from `load_run`: `kpi run` asks whether one
 * already ran today (its checks and bulletin are then current), the alerts how fresh the warehouse is.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** The finish time of the last completed run of `command`, or null when none completed. */
export async function readLastCompletedRun(
  connection: DuckDBConnection,
  command: string,
): Promise<Date | null> {
  const last = (
    await connection.runAndReadAll(
      `SELECT max(finished_at) AS finished FROM load_run WHERE command = $1 AND status = 'completed'`,
      [command],
    )
  ).getRowsJS()[0]?.[0];
  return last instanceof Date ? last : null;
}
