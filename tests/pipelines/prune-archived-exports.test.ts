/**
 * Issue 27 (4): archived raw exports (names and IDs) are kept `export_retention_months` (13 by
 * default); a run deletes older ones and says so, and keeps archived district returns of any age.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { configSchema, type Config } from '../../core/config.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { runPipeline } from '../../pipelines/run-pipeline.ts';
import { writeSampleYear, type SampleYear } from '../../samples/write-sample-year.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from '../sources/system-export/export-fixtures.ts';

let sample: SampleYear;
let catalogue: Catalogue;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-retention-sample-'));
  sample = await writeSampleYear(dir, await loadCatalogue(), {
    months: [1],
    districts: ['370202'],
    broken: false,
  });
  catalogue = await loadCatalogue({ extraTargetFiles: [sample.targetsFile] });
});

function archived(config: Config): string[] {
  return readdirSync(config.archive, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('retention of archived exports', () => {
  it('deletes exports archived more than 13 months ago, says so, and keeps returns', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-retention-'));
    const config: Config = {
      ...configSchema.parse({}),
      db: path.join(dir, 'kpi.duckdb'),
      inbox: path.join(dir, 'inbox'),
      archive: path.join(dir, 'archive'),
      rejected: path.join(dir, 'rejected'),
      reports: path.join(dir, 'reports'),
      salt_file: path.join(dir, '.kpi', 'salt'),
      target_files: [sample.targetsFile],
    };
    expect(config.export_retention_months).toBe(13);
    mkdirSync(config.inbox, { recursive: true });
    const ret = sample.returns[0]!.file;
    copyFileSync(ret, path.join(config.inbox, path.basename(ret)));
    const rows = [1, 2, 3].map(
      (i) => `${i},张三${i},${personId(i)},男,2022-01-0${i},城镇新增就业,市南区人社局,370202`,
    );
    writeCsv(path.join(config.inbox, '就业登记明细2022-01.csv'), [REGISTRATION_HEADER, ...rows], 'gbk');
    const first = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: () => new Date('2022-02-03T02:00:00+08:00'),
    });
    expect(first.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    const files = archived(config);
    expect(files).toHaveLength(2);

    // Archived 13 months and a day before the next run: the export goes, the return stays.
    const old = new Date('2021-01-02T02:00:00+08:00');
    for (const file of files) utimesSync(file, old, old);
    const young = createMemoryLog();
    await runPipeline({ config, catalogue, log: young, now: () => new Date('2022-02-01T02:00:00+08:00') });
    expect(archived(config)).toHaveLength(2);
    const log = createMemoryLog();
    await runPipeline({ config, catalogue, log, now: () => new Date('2022-02-04T02:00:00+08:00') });
    const left = archived(config);
    expect(left.map((f) => path.basename(f))).toEqual([expect.stringMatching(/_2022年1月_/)]);
    expect(log.events).toContainEqual({
      event: 'message',
      text: expect.stringMatching(
        /^已删除超过保存期限（13个月）的系统导出存档1个：\S+就业登记明细2022-01\.csv$/,
      ),
    });
  }, 180_000);
});
