/**
 * When the nightly run last completed (the published warehouse's freshness), from `load_run`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** The finish time of the last completed `kpi run`, or null when none ever completed. */
export async function readLastCompletedRun(connection: DuckDBConnection): Promise<Date | null> {
  const last = (
    await connection.runAndReadAll(
      `SELECT max(finished_at) AS finished FROM load_run WHERE command = 'run' AND status = 'completed'`,
    )
  ).getRowsJS()[0]?.[0];
  return last instanceof Date ? last : null;
}
