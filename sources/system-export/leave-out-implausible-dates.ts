/**
 * A record dated outside the export's plausible window (a 1900-01-01 placeholder, a typo for 2202)
 * is a finding and is deleted from the staged rows, so it never creates periods (SPEC §6).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finding, type Finding, type FindingLocation } from '../../core/finding.ts';

/** The plausible dates of an export's records, both ends included (YYYY-MM-DD). */
export interface DateWindow {
  readonly first: string;
  readonly last: string;
}

/**
 * Leave out of `export_stage_rows` every row with a date column outside `window`; one warning per
 * date column naming how many rows, five examples and their row numbers. Returns the findings and
 * how many rows were left out.
 */
export async function leaveOutImplausibleDates(
  connection: DuckDBConnection,
  dateColumns: readonly string[],
  window: DateWindow,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<{ findings: Finding[]; leftOut: number }> {
  const outside = (i: number) => `(date_${i} < CAST($first AS DATE) OR date_${i} > CAST($last AS DATE))`;
  const anyOutside = dateColumns.map((_, i) => outside(i)).join(' OR ');
  const findings: Finding[] = [];
  // The rows are scanned without the region lookup of the view.
  const [counts] = (
    await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE ${anyOutside})::INTEGER AS rows
         ${dateColumns.map((_, i) => `, count(*) FILTER (WHERE ${outside(i)})::INTEGER AS out_${i}`).join('')}
       FROM export_stage_rows`,
      { ...window },
    )
  ).getRowObjectsJson();
  for (const [i, column] of dateColumns.entries()) {
    const count = Number(counts![`out_${i}`]);
    if (count === 0) continue;
    // Examples only when there is something to show: ordered lists cost a sort of the matches.
    const [out] = (
      await connection.runAndReadAll(
        `SELECT list(date_raw_${i} ORDER BY rowid)[1:5] AS examples, list(rowid + 1 ORDER BY rowid)[1:5] AS rows
         FROM export_stage_rows WHERE ${outside(i)}`,
        { ...window },
      )
    ).getRowObjectsJson();
    findings.push(
      finding(
        'date_out_of_window',
        'warning',
        {
          column,
          count,
          examples: (out!.examples as string[]).map(String),
          from: window.first,
          to: window.last,
        },
        at({ row: (out!.rows as number[]).map((n) => Number(n) + 1).join(', ') }),
      ),
    );
  }
  const leftOut = Number(counts!.rows);
  if (leftOut > 0) await connection.run(`DELETE FROM export_stage_rows WHERE ${anyOutside}`, { ...window });
  return { findings, leftOut };
}
