/**
 * An Arrow IPC export appended, batch by batch, to a temporary table (DuckDB has no Arrow file
 * reader here). Exports in Arrow are aggregated and small: a file beyond `ARROW_MAX_BYTES` is
 * refused before a byte of it is read, so no batch can take more than that.
 */
import { open } from 'node:fs/promises';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { RecordBatchReader } from 'apache-arrow';
import { quoteIdentifier } from '../../warehouse/sql.ts';
import { NONE_REFUSED, type ExportSource } from './export-source.ts';

/** The largest Arrow IPC export read. */
export const ARROW_MAX_BYTES = 64 * 1024 * 1024;

/** The temporary table the rows are appended to. */
export const ARROW_TABLE = 'export_arrow';

/** The Arrow file at `filePath` in `temp.export_arrow`, every column as text; the file's size when too large. */
export async function readArrowExport(
  connection: DuckDBConnection,
  filePath: string,
): Promise<ExportSource | { readonly tooLarge: number }> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    if (size > ARROW_MAX_BYTES) return { tooLarge: size };
    const reader = await RecordBatchReader.from(handle);
    let appender: DuckDBAppender | null = null;
    try {
      for await (const batch of reader) {
        const names = batch.schema.fields.map((f) => f.name);
        if (appender === null) {
          await connection.run(
            `CREATE OR REPLACE TEMP TABLE ${ARROW_TABLE} (${names.map((n) => `${quoteIdentifier(n)} VARCHAR`).join(', ')})`,
          );
          appender = await connection.createAppender(ARROW_TABLE, 'main', 'temp');
        }
        const vectors = names.map((_, j) => batch.getChildAt(j)!);
        for (let i = 0; i < batch.numRows; i++) {
          for (const vector of vectors) {
            const value: unknown = vector.get(i);
            if (value === null || value === undefined) appender.appendNull();
            else appender.appendVarchar(String(value));
          }
          appender.endRow();
        }
      }
      appender?.flushSync();
    } finally {
      appender?.closeSync();
    }
    // A file with a schema and no batch is an empty table of its columns.
    if (appender === null)
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${ARROW_TABLE} (${reader.schema.fields.map((f) => `${quoteIdentifier(f.name)} VARCHAR`).join(', ')})`,
      );
    return {
      format: 'arrow',
      relation: `temp.${ARROW_TABLE}`,
      blankLines: 0,
      tooLongLine: null,
      refusedRows: async () => NONE_REFUSED,
    };
  } finally {
    await handle.close();
  }
}
