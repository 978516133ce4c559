/**
 * The partitioned Parquet layout: observation, timeseries_long and completion as
 * TABLE/year=/month=/region= folders that DuckDB reads back, with Hive partitioning, to the
 * warehouse's own rows; a second export replaces the first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPartitionedParquet } from '../../../warehouse/export/export-partitioned-parquet.ts';
import { quoteLiteral } from '../../../warehouse/sql.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-partitioned-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exportPartitionedParquet', () => {
  it('writes year=/month=/region= folders that read back to the warehouse rows', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        { indicator: 'urban_new_jobs', region: '370202', month: '2022-09', measure: 'ytd', value: '1000' },
        { indicator: 'urban_new_jobs', region: '370202', month: '2022-10', measure: 'ytd', value: '1250.5' },
        { indicator: 'urban_new_jobs', region: '370200', month: '2022-10', measure: 'ytd', value: '800000' },
      ]);
      const out = path.join(dir, 'lake');
      const tables = await exportPartitionedParquet(w.connection, { outDir: out });
      expect(tables.map((t) => t.table)).toEqual(['observation', 'timeseries_long', 'completion']);
      const files = readdirSync(path.join(out, 'observation'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.parquet'))
        .sort();
      expect(files).toContain(path.join('year=2022', 'month=10', 'region=370202', 'data_0.parquet'));
      expect(files).toContain(path.join('year=2022', 'month=9', 'region=370202', 'data_0.parquet'));

      const read = (table: string) =>
        `read_parquet(${quoteLiteral(path.join(out, table, '**', '*.parquet'))}, hive_partitioning = true, hive_types = {'year': INTEGER, 'month': INTEGER, 'region': VARCHAR})`;
      for (const table of ['observation', 'timeseries_long', 'completion']) {
        // timeseries_long has year and month of its own; the others get them from the partitions.
        const own = table === 'timeseries_long' ? '* EXCLUDE (year, month)' : '*';
        const back = await w.rows(`SELECT * EXCLUDE (year, month, region) FROM ${read(table)} ORDER BY ALL`);
        expect(back, table).toEqual(await w.rows(`SELECT ${own} FROM ${table} ORDER BY ALL`));
      }
      const partitions = await w.rows(
        `SELECT DISTINCT year, month, region, region_code FROM ${read('observation')} ORDER BY ALL`,
      );
      expect(partitions.every((p) => p.region === p.region_code)).toBe(true);

      // A second export replaces the first: nothing of the old one is left beside it.
      await exportPartitionedParquet(w.connection, { outDir: out });
      expect(readdirSync(out).sort()).toEqual(['completion', 'observation', 'timeseries_long']);
    });
  });
});
