/**
 * Issue 11 (SPEC §8): a district may send its month in several section files, or a late baseline
 * file; each replaces only the indicators it reports, and the outcome says what it replaced and left.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { standardReturn } from '../../../samples/variants/standard-return.ts';
import { writeWorkbook } from '../../../samples/write-workbook.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { testContext, writeTempSample } from './ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [10], districts: ['370202'], broken: false });
});
afterAll(() => sample.cleanup());

/** 市南区's October return with only the rows whose indicator `keep` accepts. */
async function section(name: string, keep: (category: string) => boolean): Promise<string> {
  const district = sample.truth.districts.find((d) => d.code === '370202')!;
  const workbook: ExcelJS.Workbook = standardReturn.build({
    catalogue,
    truth: sample.truth,
    region: district,
    regionName: district.nameZh,
    year: 2022,
    month: 10,
    targets: new Map(),
  });
  const sheet = workbook.worksheets[0]!;
  for (let r = sheet.rowCount; r >= 1; r--) {
    const indicator = catalogue.findIndicator(String(sheet.getCell(r, 2).value ?? ''));
    if (indicator && !keep(indicator.category)) sheet.spliceRows(r, 1);
  }
  const file = path.join(sample.dir, `2022年10月_市南区_${name}.xlsx`);
  await writeWorkbook(workbook, file);
  return file;
}

describe('issue 11: per-indicator supersession', () => {
  it('keeps both section files of one district and month, and says what each left in place', async () => {
    const employment = await section('就业创业', (c) => c === '就业创业');
    const others = await section('社保人才劳动关系', (c) => c !== '就业创业');
    await withTestWarehouse(async (w) => {
      const context = testContext(catalogue);
      expect(await ingestFile(w.connection, employment, context)).toMatchObject({
        status: 'loaded',
        replaced: [],
      });
      const second = await ingestFile(w.connection, others, { ...context, runId: 'second' });
      expect(second).toMatchObject({ status: 'loaded', replaced: [], errors: [] });
      expect(second.kept).toContain('urban_new_jobs');
      const current = await w.rows(
        `select i.category, count(distinct o.indicator_code)::int as n from observation o join indicator i using (indicator_code)
         where o.region_code = '370202' and o.period = date '2022-10-01' and o.origin = 'reported'
           and i.kind in ('flow', 'stock') group by all order by all`,
      );
      expect(current.map((r) => r.category)).toEqual(
        expect.arrayContaining(['就业创业', '社会保障', '人才人事']),
      );
      expect(
        await w.rows(`select count(*)::int as n from source_file where superseded_at is not null`),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('lets a late 2021-12 file with the flows keep the December stock levels of the first one', async () => {
    const baseline = sample.baseline[0]!.file;
    await withTestWarehouse(async (w) => {
      const context = testContext(catalogue);
      await ingestFile(w.connection, baseline, context);
      const levels = `select count(*)::int as n from observation o join indicator i using (indicator_code)
        where o.region_code = '370202' and o.period = date '2021-12-01' and i.kind = 'stock'`;
      const [before] = await w.rows(levels);
      expect(before!.n).toBeGreaterThan(5);

      // A correction of 2021's 城镇新增就业 only, sent as its own file.
      const district = sample.truth.districts.find((d) => d.code === '370202')!;
      const workbook = standardReturn.build({
        catalogue,
        truth: { ...sample.truth, year: 2021, get: () => ({ ytd: null, month: null, level: null }) },
        region: district,
        regionName: district.nameZh,
        year: 2021,
        month: 12,
        targets: new Map(),
      });
      const sheet = workbook.worksheets[0]!;
      for (let r = sheet.rowCount; r >= 1; r--) {
        const indicator = catalogue.findIndicator(String(sheet.getCell(r, 2).value ?? ''));
        if (indicator && indicator.code !== 'urban_new_jobs') sheet.spliceRows(r, 1);
        else if (indicator) sheet.getCell(r, 6).value = 2.0123;
      }
      const file = path.join(sample.dir, '2021年12月_市南区_城镇新增就业更正.xlsx');
      await writeWorkbook(workbook, file);
      const outcome = await ingestFile(w.connection, file, { ...context, runId: 'late' });
      expect(outcome).toMatchObject({ status: 'revised', replaced: ['urban_new_jobs'], errors: [] });
      expect(outcome.kept.length).toBeGreaterThan(5);
      expect(await w.rows(levels)).toEqual([before]);
      expect(
        await w.rows(
          `select ytd_value from observation where indicator_code = 'urban_new_jobs' and region_code = '370202'
             and period = date '2021-12-01'`,
        ),
      ).toEqual([{ ytd_value: '20123.000000' }]);
    });
  });
});
