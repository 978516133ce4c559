/**
 * The plausible window of an export's record dates belongs to the file, not to the wall clock
 * (SPEC §6): from 1 January of the year before the file's own reporting period through the run
 * date, so last years' exports load as history while a 1900-01-01 or a 2099 record does not.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DateWindow } from './leave-out-implausible-dates.ts';

/**
 * The year a file name gives: `就业登记明细202203.csv` → 2022, `仲裁案件2022.csv` → 2022,
 * `12333话务2022-01.jsonl` → 2022; null when the name holds no year (or a number that is not one).
 */
export function yearOfFileName(fileName: string): number | null {
  const match =
    /(?<!\d)((?:19|20)\d{2})(?:[-_.年]?(?:0[1-9]|1[0-2]|[1-9])月?(?:[-_.]?(?:0[1-9]|[12]\d|3[01])日?)?)?(?!\d)/.exec(
      path.basename(fileName),
    );
  return match ? Number(match[1]) : null;
}

/**
 * The window for the export `fileName` read at `now` (its date in the connection's time zone): its
 * year from the name, else the year most of its records in `export_stage_rows` fall in (column
 * `date_0`, the definition's date).
 */
export async function exportDateWindow(
  connection: DuckDBConnection,
  fileName: string,
  now: Date,
): Promise<DateWindow> {
  const named = yearOfFileName(fileName);
  const [bounds] = (
    await connection.runAndReadAll(
      `SELECT strftime(make_date(year - 1, 1, 1), '%Y-%m-%d') AS first, strftime(today, '%Y-%m-%d') AS last
       FROM (SELECT CAST(CAST($now AS TIMESTAMPTZ) AS DATE) AS today,
                    coalesce(CAST($named AS INTEGER), (SELECT mode(year(date_0)) FROM export_stage_rows), year(today)) AS year)`,
      { now: now.toISOString(), named: named === null ? null : String(named) },
    )
  ).getRowObjectsJson();
  return { first: String(bounds!.first), last: String(bounds!.last) };
}
