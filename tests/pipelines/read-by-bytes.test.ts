/**
 * `kpi ingest` and the nightly run decide what a file is by its bytes before choosing a reader: a
 * CSV export saved under a workbook's name (`.xls`) is read as that export in the loading process,
 * not handed to the district-return reader (issue 22 review).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { loadConfig } from '../../core/config.ts';
import { ingestPaths } from '../../pipelines/ingest-paths.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from '../sources/system-export/export-fixtures.ts';

describe('reading by bytes (issue 22)', () => {
  let dir: string;
  let catalogue: Catalogue;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kpi-bytes-'));
    catalogue = await loadCatalogue();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a GBK CSV export named .xls as the export, each person counted', async () => {
    const file = path.join(dir, '就业登记明细202203.xls');
    writeCsv(
      file,
      [
        REGISTRATION_HEADER,
        `1,张三,${personId(1)},男,2022-03-02,城镇新增就业,市南区人社局,370202`,
        `2,李四,${personId(2)},女,2022-03-09,城镇新增就业,市南区人社局,370202`,
        `3,王五,${personId(3)},男,2022-03-15,城镇新增就业,崂山区人社局,370212`,
      ],
      'gbk',
    );
    const config = { ...loadConfig({ cwd: dir, env: {} }), db: path.join(dir, 'kpi.duckdb') };
    const [outcome] = await ingestPaths({
      files: [file],
      config,
      catalogue,
      now: () => new Date('2022-04-10T09:00:00+08:00'),
    });
    expect(outcome).toMatchObject({ source: 'export', status: 'loaded', errors: [] });
    expect(outcome!.counts).toEqual({ read: 3, stored: 3, not_reported: 0, left_out: {} });
    const jobs = await withWarehouse(config.db, { readOnly: true }, async ({ connection }) =>
      (
        await connection.runAndReadAll(
          `SELECT region_code, month_value::INTEGER AS n FROM observation
           WHERE indicator_code = 'urban_new_jobs' AND period = DATE '2022-03-01' AND region_code IN ('370202', '370212')
           ORDER BY region_code`,
        )
      ).getRowObjectsJson(),
    );
    expect(jobs).toEqual([
      { region_code: '370202', n: 2 },
      { region_code: '370212', n: 1 },
    ]);
  });
});
