import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { parseDistrictReturn } from '../../../sources/district-return/parse-district-return.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { TEST_NOW, testContext, writeTempSample } from './ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [1, 7, 10], broken: false });
});
afterAll(() => sample.cleanup());

describe('sample year template variants', () => {
  it('uses at least four distinct templates', () => {
    expect(new Set(sample.returns.map((r) => r.variant)).size).toBeGreaterThanOrEqual(4);
  });

  it('parses every variant to the truth exactly, with nothing missing', async () => {
    // Whole district returns: the city's own rate return and 李沧区's section files are tested on their own.
    const whole = sample.returns.filter((r) => r.regionCode !== '370200' && !r.variant.includes('/'));
    for (const ret of whole) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(ret.file)) as unknown as ArrayBuffer);
      const parsed = parseDistrictReturn(workbook, ret.file, catalogue, TEST_NOW);
      const where = `${ret.variant} ${ret.file}`;
      // The category variant's 填报说明 sheet is skipped, and said so.
      expect(
        parsed.findings.map((f) => `${f.severity} ${f.code} ${f.location.sheet}`),
        where,
      ).toEqual(ret.variant === 'category-sheets' ? ['info helper_sheet_skipped 填报说明'] : []);
      expect(parsed.region, where).toBe(ret.regionCode);
      expect(parsed.period, where).toBe(`2022-${String(ret.month).padStart(2, '0')}`);
      const got = new Map(parsed.values.map((v) => [`${v.indicatorCode}|${v.period}|${v.measure}`, v.value]));
      for (const v of parsed.values) {
        const truth = sample.truth.get(v.indicatorCode, ret.regionCode, Number(v.period.slice(5)))[v.measure];
        expect(truth?.toString(), `${where} ${v.sheet}!${v.cell} ${v.label}`).toBe(v.value.toString());
      }
      // Every figure of the report month the truth has is read (the year workbook adds earlier months).
      for (const indicator of sample.truth.indicators) {
        const truth = sample.truth.get(indicator.code, ret.regionCode, ret.month);
        for (const measure of ['ytd', 'month', 'level'] as const) {
          if (truth[measure] === null) continue;
          const key = `${indicator.code}|2022-${String(ret.month).padStart(2, '0')}|${measure}`;
          expect(got.get(key)?.toString(), `${where} ${key}`).toBe(truth[measure]!.toString());
        }
      }
    }
  });

  it('loads the returns so the observation view shows the truth, city totals included', async () => {
    await withTestWarehouse(async (w) => {
      const context = testContext(catalogue);
      for (const ret of [...sample.baseline, ...sample.returns.filter((r) => r.month === 10)]) {
        const outcome = await ingestFile(w.connection, ret.file, context);
        expect(outcome.status, ret.file).toBe('loaded');
      }
      const rows = await w.rows(
        `SELECT region_code, ytd_value::VARCHAR AS ytd, month_value::VARCHAR AS month FROM observation
         WHERE indicator_code = 'urban_new_jobs' AND period = DATE '2022-10-01' ORDER BY region_code`,
      );
      let city = 0;
      for (const district of sample.truth.districts) {
        const truth = sample.truth.get('urban_new_jobs', district.code, 10);
        const row = rows.find((r) => r.region_code === district.code)!;
        expect(Number(row.ytd)).toBe(truth.ytd!.toNumber());
        expect(Number(row.month)).toBe(truth.month!.toNumber());
        city += truth.ytd!.toNumber();
      }
      expect(Number(rows.find((r) => r.region_code === '370200')!.ytd)).toBe(city);
      // The previous December's levels make the net change: Σ (October level − December level).
      const [net] = await w.rows(
        `SELECT ytd_value::VARCHAR AS ytd FROM observation WHERE indicator_code = 'enterprise_insured_net_increase'
           AND region_code = '370200' AND period = DATE '2022-10-01'`,
      );
      const expectedNet = sample.truth.districts.reduce(
        (sum, d) =>
          sum +
          sample.truth.get('enterprise_pension_contributors', d.code, 10).level!.toNumber() -
          sample.truth.previousDecember('enterprise_pension_contributors', d.code)!.toNumber(),
        0,
      );
      expect(Number(net!.ytd)).toBe(expectedNet);
      // Provenance down to the cell.
      const [fact] = await w.rows(
        `SELECT sheet, cell, file_hash FROM fact_value WHERE indicator_code = 'urban_new_jobs'
           AND region_code = '370202' AND period = DATE '2022-10-01' AND measure = 'ytd'`,
      );
      expect(fact).toMatchObject({ sheet: '月报', cell: 'F7' });
    });
  });
});
