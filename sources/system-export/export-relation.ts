/**
 * The rows of an export file as one SQL relation, every column as text, in the file's order, by
 * the reader of its format — decided by its bytes (`sniffFileKind`), never by its extension: CSV,
 * JSON lines, Parquet, Arrow IPC or an .xlsx copy.
 */
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { finding, type ExportFormat, type Finding, type FindingLocation } from '../../core/finding.ts';
import { quoteLiteral } from '../../warehouse/sql.ts';
import type { WorkbookLimits } from '../district-return/check-workbook-limits.ts';
import type { FileKind } from '../sniff-file-kind.ts';
import type { ExportDefinition } from './export-definition.ts';
import { NONE_REFUSED, type ExportSource } from './export-source.ts';
import { ARROW_MAX_BYTES, readArrowExport } from './read-arrow-export.ts';
import { readCsvExport } from './read-csv-export.ts';
import { readJsonlExport } from './read-jsonl-export.ts';
import { readXlsxExport } from './read-xlsx-export.ts';

/**
 * The format of an export of kind `kind`: text is JSON lines when its first character (after a
 * byte order mark and spaces) opens an object, else CSV; null for a kind no export comes in.
 */
export async function exportFormat(filePath: string, kind: FileKind): Promise<ExportFormat | null> {
  if (kind === 'zip') return 'xlsx';
  if (kind === 'parquet' || kind === 'arrow') return kind;
  if (kind === 'ole' || kind === 'ods') return null;
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head
      .subarray(0, bytesRead)
      .toString('latin1')
      .replace(/^\xef\xbb\xbf/, '');
    return /^\s*\{/.test(text) ? 'jsonl' : 'csv';
  } finally {
    await handle.close();
  }
}

/**
 * The rows of the export at `filePath` in `format`, or the findings that refuse it before a row is
 * read (beyond a limit; no header; a line too long to read). `scratch` takes the copies a reader makes.
 */
export async function exportRelation(
  connection: DuckDBConnection,
  filePath: string,
  format: ExportFormat,
  definition: ExportDefinition,
  scratch: string,
  limits: WorkbookLimits,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<ExportSource | Finding[]> {
  const noHeader = () => [
    finding(
      'missing_columns',
      'error',
      { system: definition.system, missing: definition.columns, expected: definition.columns },
      at(),
    ),
  ];
  const readable = (source: ExportSource) =>
    source.tooLongLine === null
      ? source
      : [
          finding(
            'malformed_rows',
            'error',
            {
              format: source.format === 'jsonl' ? 'jsonl' : 'csv',
              count: 1,
              expected: null,
              rows: [{ row: source.tooLongLine, found: null }],
            },
            at({ row: source.tooLongLine }),
          ),
        ];
  switch (format) {
    case 'csv': {
      const source = await readCsvExport(connection, filePath, definition, scratch);
      return source === null ? noHeader() : readable(source);
    }
    case 'jsonl':
      return readable(await readJsonlExport(filePath, definition, scratch));
    case 'parquet':
      return {
        format,
        relation: `read_parquet(${quoteLiteral(filePath)})`,
        blankLines: 0,
        tooLongLine: null,
        refusedRows: async () => NONE_REFUSED,
      };
    case 'arrow': {
      const read = await readArrowExport(connection, filePath);
      return 'tooLarge' in read
        ? [finding('export_too_large', 'error', { format, bytes: read.tooLarge, max: ARROW_MAX_BYTES }, at())]
        : read;
    }
    case 'xlsx': {
      const read = await readXlsxExport(connection, filePath, definition, limits);
      return read === null ? noHeader() : read;
    }
  }
}
