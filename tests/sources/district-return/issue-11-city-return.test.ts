/**
 * Issue 11: a return may come from any level — the city's own 城镇调查失业率 return and a province
 * return are loaded as those regions' own figures; an unknown place below the city is still refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { cityRateReturn } from '../../../samples/city-rate-return.ts';
import { writeWorkbook } from '../../../samples/write-workbook.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { testContext } from './ingest-context.ts';

let catalogue: Catalogue;
let dir: string;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-city-return-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function provinceReturn(unit: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  const rows = [
    ['2022年1-5月城乡公益性岗位扩容提质行动进展情况'],
    [`填报单位：${unit}`, '', '报告期：2022年1-5月'],
    ['指标名称', '计量单位', '1-5月累计'],
    ['城乡公益性岗位创设数', '万个', 40.97],
    ['城乡公益性岗位安置上岗人数', '万人', 35.15],
  ];
  rows.forEach((cells, r) => cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  const file = path.join(dir, `${unit}_2022年5月.xlsx`);
  await writeWorkbook(book, file);
  return file;
}

describe('issue 11: returns from every level', () => {
  it('loads the city’s own 城镇调查失业率 return and publishes it for the city', async () => {
    const file = path.join(dir, '2022年10月_青岛市_城镇调查失业率.xlsx');
    await writeWorkbook(cityRateReturn(2022, 10), file);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome).toMatchObject({ status: 'loaded', region: '370200', period: '2022-10' });
      expect(
        await w.rows(
          `select ytd_value, met from observation join completion using (indicator_code, region_code, period)
           where indicator_code = 'surveyed_unemployment_rate' and period = date '2022-10-01'`,
        ),
      ).toEqual([{ ytd_value: '4.900000', met: true }]);
    });
  });

  it('loads a province return as the province’s figures: seed 004’s 102.43% and 87.88%', async () => {
    const file = await provinceReturn('山东省人力资源和社会保障厅');
    await withTestWarehouse(async (w) => {
      expect(await ingestFile(w.connection, file, testContext(catalogue))).toMatchObject({
        status: 'loaded',
        region: '370000',
      });
      expect(
        await w.rows(
          `select indicator_code, round(completion_pct, 2) as pct from completion
           where region_code = '370000' order by indicator_code`,
        ),
      ).toEqual([
        { indicator_code: 'public_welfare_placed', pct: '87.88' },
        { indicator_code: 'public_welfare_posts', pct: '102.43' },
      ]);
    });
  });

  it('still refuses a unit below the city that the catalogue does not know', async () => {
    const file = await provinceReturn('青岛市高新区人力资源和社会保障局');
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors.map((e) => e.code)).toContain('unknown_region');
    });
  });
});
