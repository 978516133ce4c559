/**
 * The rows of an export file as one SQL relation, every column as text, in the file's order: CSV
 * (UTF-8, or GB18030/GBK streamed to UTF-8), Parquet, JSON lines and Arrow IPC, each by its reader.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { readFile } from 'node:fs/promises';
import { quoteIdentifier, quoteLiteral } from '../../warehouse/sql.ts';
import type { ExportDefinition } from './export-definition.ts';
import { detectEncoding, transcodeToUtf8 } from './transcode-to-utf8.ts';

type Format = 'csv' | 'parquet' | 'jsonl' | 'arrow';

function formatOf(file: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.arrow' || ext === '.feather' || ext === '.ipc') return 'arrow';
  return 'csv';
}

/** A SQL relation over the file's rows, every column as text, with the file's own row numbers. */
export async function exportRelation(
  connection: DuckDBConnection,
  filePath: string,
  definition: ExportDefinition,
  scratch: string,
): Promise<string> {
  const format = formatOf(filePath);
  const columns = `{${definition.columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  switch (format) {
    case 'csv': {
      const encoding =
        definition.encoding === 'auto'
          ? detectEncoding(filePath)
          : definition.encoding === 'utf8'
            ? 'utf8'
            : 'gb18030';
      let readable = filePath;
      if (encoding === 'gb18030') {
        readable = path.join(scratch, 'utf8.csv');
        await transcodeToUtf8(filePath, readable);
      }
      return `read_csv(${quoteLiteral(readable)}, header = true, all_varchar = true, delim = ',', quote = '"', strict_mode = false)`;
    }
    case 'parquet':
      return `read_parquet(${quoteLiteral(filePath)})`;
    case 'jsonl':
      return `read_json(${quoteLiteral(filePath)}, format = 'newline_delimited', columns = ${columns})`;
    case 'arrow': {
      // DuckDB has no built-in Arrow IPC reader here: append the batches (exports in Arrow are aggregated, small).
      const table = tableFromIPC(await readFile(filePath));
      const names = table.schema.fields.map((f) => f.name);
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE export_arrow (${names.map((n) => `${quoteIdentifier(n)} VARCHAR`).join(', ')})`,
      );
      const appender = await connection.createAppender('export_arrow', 'main', 'temp');
      try {
        for (const row of table) {
          for (const name of names) {
            const value = (row as unknown as Record<string, unknown>)[name];
            if (value === null || value === undefined) appender.appendNull();
            else appender.appendVarchar(String(value));
          }
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      return 'temp.export_arrow';
    }
  }
}
