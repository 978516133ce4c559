import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { standardReturn } from '../../../samples/variants/standard-return.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { testContext, writeTempSample } from './ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [9, 10], districts: ['370202'], broken: false });
});
afterAll(() => sample.cleanup());

const october = () => sample.returns.find((r) => r.month === 10)!.file;

describe('revisions and reloads', () => {
  it('reports the same file loaded twice as unchanged and changes nothing', async () => {
    await withTestWarehouse(async (w) => {
      const context = testContext(catalogue);
      expect((await ingestFile(w.connection, october(), context)).status).toBe('loaded');
      const before = await w.rows(`SELECT count(*)::INTEGER AS n FROM fact_value`);
      const copy = path.join(sample.dir, 'copy-of-october.xlsx');
      await copyFile(october(), copy);
      const again = await ingestFile(w.connection, copy, { ...context, runId: 'second' });
      expect(again).toMatchObject({ status: 'unchanged', region: '370202', period: '2022-10' });
      expect(await w.rows(`SELECT count(*)::INTEGER AS n FROM fact_value`)).toEqual(before);
      expect(await w.rows(`SELECT count(*)::INTEGER AS n FROM source_file`)).toEqual([{ n: 1 }]);
    });
  });

  it('supersedes the figures a resubmission reports and keeps the ones it leaves out (SPEC §8, issue 11)', async () => {
    await withTestWarehouse(async (w) => {
      const context = testContext(catalogue);
      await ingestFile(w.connection, sample.returns.find((r) => r.month === 9)!.file, context);
      await ingestFile(w.connection, october(), context);

      // The resubmission corrects 城镇新增就业 and drops the 劳务合作基地数 row.
      const district = sample.truth.districts.find((d) => d.code === '370202')!;
      const workbook = standardReturn.build({
        catalogue,
        truth: sample.truth,
        region: district,
        regionName: district.nameZh,
        year: 2022,
        month: 10,
        targets: new Map(),
      });
      const sheet = workbook.worksheets[0]!;
      const jobs = sample.truth.get('urban_new_jobs', '370202', 10);
      sheet.getCell('E7').value = jobs.month!.plus(100).div(10_000).toNumber();
      sheet.getCell('F7').value = jobs.ytd!.plus(100).div(10_000).toNumber();
      const bases = [...Array(sheet.rowCount).keys()].find(
        (r) => sheet.getCell(r + 1, 2).value === '劳务合作基地数',
      )!;
      sheet.spliceRows(bases + 1, 1);
      const revised = path.join(sample.dir, '2022年10月_市南区_人社重点指标完成情况（更正）.xlsx');
      await workbook.xlsx.writeFile(revised);

      const later = { ...context, runId: 'resubmission', now: new Date('2023-01-12T09:00:00+08:00') };
      const outcome = await ingestFile(w.connection, revised, later);
      expect(outcome).toMatchObject({ status: 'revised', region: '370202', period: '2022-10', errors: [] });
      expect(outcome.replaced).toContain('urban_new_jobs');
      expect(outcome.kept).toEqual(['labour_coop_bases']);

      const files = await w.rows(
        `SELECT file_name, status, superseded_by IS NOT NULL AS superseded FROM source_file
         WHERE period = DATE '2022-10-01' ORDER BY received_at`,
      );
      // The first file still gives 劳务合作基地数, so it stays current for that indicator.
      expect(files.map((f) => [f.status, f.superseded])).toEqual([
        ['loaded', false],
        ['revised', false],
      ]);
      const oldFacts = await w.rows(
        `SELECT count(*) FILTER (WHERE f.superseded_at IS NULL)::INTEGER AS current, count(*)::INTEGER AS total
         FROM fact_value f JOIN source_file s USING (file_hash) WHERE s.status = 'loaded' AND s.period = DATE '2022-10-01'`,
      );
      expect(oldFacts[0]!.current).toBe(1);
      expect(oldFacts[0]!.total).toBeGreaterThan(50);
      const [jobsNow] = await w.rows(
        `SELECT ytd_value::VARCHAR AS ytd FROM observation
         WHERE indicator_code = 'urban_new_jobs' AND region_code = '370202' AND period = DATE '2022-10-01'`,
      );
      expect(Number(jobsNow!.ytd)).toBe(jobs.ytd!.toNumber() + 100);
      // The row the resubmission left out keeps its October value from the first file.
      const bases10 = await w.rows(
        `SELECT strftime(period, '%m') AS m FROM observation
         WHERE indicator_code = 'labour_coop_bases' AND region_code = '370202' ORDER BY period`,
      );
      expect(bases10).toEqual([{ m: '09' }, { m: '10' }]);
    });
  });
});
