/**
 * `kpi export --partitioned`: the warehouse's facts (`observation`, with provenance) and time series
 * (`timeseries_long`, `completion`) as Hive-partitioned Parquet, `TABLE/year=YYYY/month=M/region=CODE/
 * data_0.parquet`, which Spark, Trino, Hive and DuckDB (`read_parquet(…, hive_partitioning = true)`)
 * read as they are. The partition values live in the folder names only (the Hive convention); each
 * file keeps `region_code` and `period` as well, so a file read alone still says what it holds.
 * Each table is written to a staging folder and then renamed over the old one, so a reader sees
 * the previous export or the new one, never half of each.
 */
import { rename, rm } from 'node:fs/promises';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../sql.ts';

/** The partitioned tables and the query behind each (partition columns `year`, `month`, `region`). */
export const PARTITIONED_TABLES: ReadonlyArray<{ readonly name: string; readonly sql: string }> = [
  {
    name: 'observation',
    sql: `SELECT *, year(period) AS year, month(period) AS month, region_code AS region FROM observation`,
  },
  {
    name: 'timeseries_long',
    sql: `SELECT * EXCLUDE (year, month), year(period) AS year, month(period) AS month, region_code AS region
          FROM timeseries_long`,
  },
  {
    name: 'completion',
    sql: `SELECT *, year(period) AS year, month(period) AS month, region_code AS region FROM completion`,
  },
];

export interface PartitionedTable {
  readonly table: string;
  /** The table's root folder (give it to Spark, Trino or DuckDB). */
  readonly dir: string;
  /** How many Parquet files (one per year, month and region present). */
  readonly files: number;
}

/** Write every partitioned table under `outDir`, replacing what an earlier export wrote there. */
export async function exportPartitionedParquet(
  connection: DuckDBConnection,
  options: { outDir: string },
): Promise<PartitionedTable[]> {
  mkdirSync(options.outDir, { recursive: true });
  const tables: PartitionedTable[] = [];
  for (const table of PARTITIONED_TABLES) {
    const dir = path.join(options.outDir, table.name);
    const staging = `${dir}.writing`;
    await rm(staging, { recursive: true, force: true });
    await connection.run(
      `COPY (${table.sql} ORDER BY year, month, region) TO ${quoteLiteral(staging)}
       (FORMAT parquet, PARTITION_BY (year, month, region), FILENAME_PATTERN 'data_{i}')`,
    );
    // An empty table writes nothing: still give readers an (empty) folder.
    mkdirSync(staging, { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.parquet'),
    );
    tables.push({ table: table.name, dir, files: files.length });
  }
  return tables;
}
