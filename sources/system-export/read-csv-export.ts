/**
 * A CSV export as DuckDB reads it, with Excel's habits understood: UTF-8 (BOM or not), GB18030/GBK
 * and UTF-16 with a BOM streamed to UTF-8 first; the delimiter (comma or tab) and the header read
 * by us, so DuckDB never sniffs; blank lines counted; rows that do not split into the header's
 * columns kept aside (`export_csv_rejects`) with their line numbers instead of failing the read —
 * a line of only delimiters or spaces among them is a blank row, not a malformed one.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../warehouse/sql.ts';
import { scanLines } from './scan-lines.ts';
import type { ExportDefinition } from './export-definition.ts';
import type { ExportSource, RefusedRows } from './export-source.ts';
import { sniffCsvHeader } from './sniff-csv-header.ts';
import { detectEncoding, transcodeToUtf8 } from './transcode-to-utf8.ts';

/**
 * Make the CSV at `filePath` readable (a UTF-8 copy in `scratch` when it is not UTF-8) and describe
 * it as a relation; null when it has no header line.
 */
export async function readCsvExport(
  connection: DuckDBConnection,
  filePath: string,
  definition: ExportDefinition,
  scratch: string,
): Promise<ExportSource | null> {
  // A UTF-16 byte order mark is proof whatever the definition says; otherwise the definition decides.
  const sniffed = detectEncoding(filePath);
  const encoding =
    definition.encoding === 'auto' || sniffed.startsWith('utf-16')
      ? sniffed
      : definition.encoding === 'utf8'
        ? 'utf8'
        : 'gb18030';
  let readable = filePath;
  if (encoding !== 'utf8') {
    readable = path.join(scratch, 'utf8.csv');
    await transcodeToUtf8(filePath, readable, { encoding });
  }
  const header = await sniffCsvHeader(readable);
  if (header === null) return null;
  // Names as the header has them; a repeated or empty name gets a suffix, so every column is read.
  const seen = new Map<string, number>();
  const names = header.columns.map((name, i) => {
    const base = name === '' ? `column${i + 1}` : name;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
  const columns = `{${names.map((n) => `${quoteLiteral(n)}: 'VARCHAR'`).join(', ')}}`;
  const lines = await scanLines(readable, { quotes: true });
  await connection.run('DROP TABLE IF EXISTS temp.export_csv_rejects');
  await connection.run('DROP TABLE IF EXISTS temp.export_csv_scans');
  return {
    format: 'csv',
    relation: `read_csv(${quoteLiteral(readable)}, header = true, auto_detect = false, columns = ${columns},
      delim = ${quoteLiteral(header.delimiter)}, quote = '"', escape = '"',
      store_rejects = true, rejects_table = 'export_csv_rejects', rejects_scan = 'export_csv_scans')`,
    blankLines: lines.blank,
    tooLongLine: lines.tooLong,
    refusedRows: () => refusedCsvRows(connection, names.length),
  };
}

/**
 * The rows DuckDB kept aside while the relation was read: blank ones, and the malformed ones. Their
 * text (which may hold IDs) never leaves SQL, and the table is dropped as soon as it is read. A row
 * missing columns is reported once per missing column: the fewest found is what the row has.
 */
async function refusedCsvRows(connection: DuckDBConnection, expected: number): Promise<RefusedRows> {
  const rejects = (
    await connection.runAndReadAll(
      `SELECT line, bool_and(regexp_full_match(csv_line, '[\\s,;]*')) AS blank,
              coalesce(max(found) FILTER (WHERE error_type = 'TOO MANY COLUMNS'),
                       min(found) FILTER (WHERE error_type = 'MISSING COLUMNS')) AS found
       FROM (SELECT *, TRY_CAST(regexp_extract(error_message, 'Found: (\\d+)', 1) AS INTEGER) AS found
             FROM temp.export_csv_rejects)
       GROUP BY line ORDER BY line`,
    )
  ).getRowObjectsJson();
  await connection.run('DROP TABLE IF EXISTS temp.export_csv_rejects');
  await connection.run('DROP TABLE IF EXISTS temp.export_csv_scans');
  const malformed = rejects
    .filter((r) => !r.blank)
    .map((r) => ({ row: Number(r.line), found: r.found === null ? null : Number(r.found) }));
  return {
    blank: rejects.length - malformed.length,
    malformedCount: malformed.length,
    malformed: malformed.slice(0, 5),
    expected,
  };
}
