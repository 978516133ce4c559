/**
 * An .xlsx copy of a system export (a system that hands out Excel instead of CSV): the first sheet
 * whose header row holds every column of a definition, streamed row by row with exceljs into a
 * temporary table with DuckDB's Appender, after the workbook limits were checked — a hostile
 * workbook never reaches the parser.
 */
import { createReadStream } from 'node:fs';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Finding } from '../../core/finding.ts';
import { requireVendored } from '../../core/require-vendored.ts';
import { quoteIdentifier } from '../../warehouse/sql.ts';
import { checkWorkbookLimits, type WorkbookLimits } from '../district-return/check-workbook-limits.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportWorkbookLimits } from './export-workbook-limits.ts';
import { NONE_REFUSED, type ExportSource } from './export-source.ts';

const exceljs = requireVendored<typeof import('exceljs')>('exceljs', 'exceljs');

/** The header is looked for in this many first rows of the sheet (a title row may come first). */
const HEADER_ROWS = 10;

/** The temporary table the rows are appended to. */
export const XLSX_TABLE = 'export_xlsx';

/** A cell's value as the text an export would have written. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date)
    // exceljs gives a date cell as midnight UTC of that day.
    return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('result' in v) return cellText(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return null;
  }
  return String(value);
}

/**
 * An ID cell's text: a number of 15 digits or more is never an ID as its text (a float keeps 15-17
 * digits), so it is written in scientific notation, which the staging rejects as Excel's.
 */
function idCellText(value: unknown): string | null {
  const number =
    typeof value === 'object' && value !== null && 'result' in value
      ? (value as { result: unknown }).result
      : value;
  return typeof number === 'number' && Math.abs(number) >= 1e14 ? number.toExponential() : cellText(value);
}

/** Each row of the first sheet as cell values (index 0: column A), until `visit` says stop. */
async function eachRow(filePath: string, visit: (cells: unknown[], row: number) => Promise<boolean>) {
  const stream = createReadStream(filePath);
  try {
    const workbook = new exceljs.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<import('exceljs').Row>) {
        if (!(await visit((row.values as unknown[]).slice(1), row.number))) return;
      }
      // Only the first sheet is the export.
      return;
    }
  } finally {
    stream.destroy();
  }
}

/** Where the header row is and which columns it names, when it holds every column of `definition`. */
interface XlsxHeader {
  readonly row: number;
  readonly names: readonly (string | null)[];
}

async function findHeader(
  filePath: string,
  definitions: readonly ExportDefinition[],
): Promise<{ definition: ExportDefinition; header: XlsxHeader } | null> {
  let found: { definition: ExportDefinition; header: XlsxHeader } | null = null;
  await eachRow(filePath, async (cells, row) => {
    const names = cells.map((c) => cellText(c)?.trim() || null);
    const present = new Set(names);
    const definition = definitions.find((d) => d.columns.every((c) => present.has(c)));
    if (definition) found = { definition, header: { row, names } };
    return found === null && row < HEADER_ROWS;
  });
  return found;
}

/**
 * The definition whose every column the first sheet's header row (in its first ten rows) names, or
 * null: a workbook that is not an export (a district return). Call after the limits were checked.
 */
export async function matchXlsxExport(
  filePath: string,
  definitions: readonly ExportDefinition[],
): Promise<ExportDefinition | null> {
  try {
    return (await findHeader(filePath, definitions))?.definition ?? null;
  } catch {
    // A workbook the streaming reader cannot take is no export; the return reader says what is wrong.
    return null;
  }
}

/**
 * The export workbook at `filePath` in `temp.export_xlsx`, the header's columns as text; the
 * limits' finding when it is beyond an export's (`exportWorkbookLimits`), null when its header does not hold the definition's
 * columns. Rows after the header with no value at all are blank lines (not reported).
 */
export async function readXlsxExport(
  connection: DuckDBConnection,
  filePath: string,
  definition: ExportDefinition,
  limits: WorkbookLimits,
): Promise<ExportSource | Finding[] | null> {
  const refused = await checkWorkbookLimits(filePath, exportWorkbookLimits(limits));
  if (refused.length > 0) return refused;
  const match = await findHeader(filePath, [definition]);
  if (match === null) return null;
  const columns = match.header.names.flatMap((name, i) => (name === null ? [] : [{ name, i }]));
  const unique = [...new Map(columns.map((c) => [c.name, c])).values()];
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${XLSX_TABLE} (${unique.map((c) => `${quoteIdentifier(c.name)} VARCHAR`).join(', ')})`,
  );
  const appender: DuckDBAppender = await connection.createAppender(XLSX_TABLE, 'main', 'temp');
  let blankLines = 0;
  // exceljs gives no row for an empty one: a gap in the row numbers is that many blank lines.
  let last = match.header.row;
  try {
    await eachRow(filePath, async (cells, row) => {
      if (row <= match.header.row) return true;
      blankLines += row - last - 1;
      last = row;
      for (const { name, i } of unique) {
        const text = (name === definition.person_id ? idCellText : cellText)(cells[i]);
        if (text === null) appender.appendNull();
        else appender.appendVarchar(text);
      }
      appender.endRow();
      return true;
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return {
    format: 'xlsx',
    relation: `temp.${XLSX_TABLE}`,
    blankLines,
    tooLongLine: null,
    refusedRows: async () => NONE_REFUSED,
  };
}
