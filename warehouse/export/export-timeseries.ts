/**
 * `kpi export`: the time-series views written for pandas, R and Excel — Parquet and CSV through
 * DuckDB COPY (CSV with a UTF-8 BOM so Excel reads the Chinese), Arrow IPC through apache-arrow.
 */
import type { ExportFormat } from '../../core/output-formats.ts';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../sql.ts';
import { writeArrowIpc } from './write-arrow-ipc.ts';

/** The exported views, each with the order its rows are written in. */
export const EXPORT_TABLES: ReadonlyArray<{ readonly name: string; readonly sql: string }> = [
  {
    name: 'timeseries_long',
    sql: 'SELECT * FROM timeseries_long ORDER BY indicator_code, region_code, period',
  },
  {
    name: 'timeseries_wide',
    sql: 'SELECT * FROM timeseries_wide ORDER BY indicator_code, region_code, year',
  },
  {
    name: 'completion',
    sql: 'SELECT * FROM completion ORDER BY indicator_code, region_code, period, start_year, end_year, issuer',
  },
];

export interface ExportedFile {
  readonly table: string;
  readonly format: ExportFormat;
  readonly file: string;
}

const EXTENSION: Record<ExportFormat, string> = { parquet: 'parquet', csv: 'csv', arrow: 'arrow' };

/** Write every export table in every format to `outDir` (created if needed); returns the files. */
export async function exportTimeSeries(
  connection: DuckDBConnection,
  options: { formats: readonly ExportFormat[]; outDir: string },
): Promise<ExportedFile[]> {
  await mkdir(options.outDir, { recursive: true });
  const files: ExportedFile[] = [];
  for (const table of EXPORT_TABLES) {
    for (const format of options.formats) {
      const file = path.join(options.outDir, `${table.name}.${EXTENSION[format]}`);
      if (format === 'parquet')
        await connection.run(`COPY (${table.sql}) TO ${quoteLiteral(file)} (FORMAT parquet)`);
      else if (format === 'csv') await copyCsvWithBom(connection, table.sql, file);
      else await writeArrowIpc(connection, table.sql, file);
      files.push({ table: table.name, format, file });
    }
  }
  return files;
}

/** DuckDB writes the CSV; the BOM goes first so Excel detects UTF-8. */
async function copyCsvWithBom(connection: DuckDBConnection, sql: string, file: string): Promise<void> {
  const body = `${file}.part`;
  try {
    await connection.run(`COPY (${sql}) TO ${quoteLiteral(body)} (FORMAT csv, HEADER true)`);
    await writeFile(file, '\ufeff');
    await pipeline(createReadStream(body), createWriteStream(file, { flags: 'a' }));
  } finally {
    await rm(body, { force: true });
  }
}
