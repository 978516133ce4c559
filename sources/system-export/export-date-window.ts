/**
 * The plausible window of an export's record dates: from 1 January of the year before the run
 * through the run date.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DateWindow } from './leave-out-implausible-dates.ts';

/** The window for a run at `now` (its date in the connection's time zone). */
export async function exportDateWindow(connection: DuckDBConnection, now: Date): Promise<DateWindow> {
  const [bounds] = (
    await connection.runAndReadAll(
      `SELECT strftime(make_date(year(today) - 1, 1, 1), '%Y-%m-%d') AS first, strftime(today, '%Y-%m-%d') AS last
       FROM (SELECT CAST(CAST($now AS TIMESTAMPTZ) AS DATE) AS today)`,
      { now: now.toISOString() },
    )
  ).getRowObjectsJson();
  return { first: String(bounds!.first), last: String(bounds!.last) };
}
