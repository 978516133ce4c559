import { describe, expect, it } from 'vitest';
import { periodOfDate } from '../../../core/period.ts';
import { rankingTables, ROUNDING_NOTE } from '../../../reports/bulletin/ranking-tables.ts';
import { DEFAULT_PERCENT_PLACES } from '../../../figures/format-number.ts';
import { loadReportData } from '../../../reports/load-report-data.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';

const TARGET_COLUMNS = `(indicator_code, region_code, start_year, end_year, basis, target_value, direction, source, issuer, due_period, approximate, loaded_from, loaded_at)`;

/**
 * 城镇新增就业 in October 2022: every district 10,000 against its share (任务分解) of the city's 35万.
 * Nine shares of 35,040 and one of 34,640 add up to 350,000 exactly; printed in 万 they add to 34.96.
 */
async function tenDistricts(w: TestWarehouse): Promise<string[]> {
  const districts = (
    await w.rows(`SELECT region_code FROM dim_region WHERE parent_code = '370200' ORDER BY region_code`)
  ).map((r) => String(r.region_code));
  expect(districts).toHaveLength(10);
  for (const [n, code] of districts.entries())
    await w.connection.run(
      `INSERT INTO dim_target ${TARGET_COLUMNS} VALUES ('urban_new_jobs', $1, 2022, 2022, 'annual', $2, 'at_least', '任务分解（测试）', '市定', DATE '2022-12-01', false, 'test', now())`,
      [code, n === 9 ? 34640 : 35040],
    );
  await w.facts(
    districts.map((code) => ({
      indicator: '城镇新增就业',
      region: code,
      month: '2022-10',
      measure: 'ytd' as const,
      value: 10000,
    })),
  );
  return districts;
}

describe('the district ranking tables', () => {
  it('carries the 尾差 note when the printed district targets do not add to the printed city target', async () => {
    await withTestWarehouse(async (w) => {
      await tenDistricts(w);
      const data = await loadReportData(w.connection, { period: periodOfDate('2022-10') });
      const table = rankingTables(data, DEFAULT_PERCENT_PLACES, false).find(
        (t) => t.indicator.code === 'urban_new_jobs',
      )!;
      const targets = table.rows.map((r) => r[3]!.text);
      // The printed actuals add up (ten times 1.00 is 10.00); the printed targets do not (34.96 ≠ 35.00).
      expect(table.rows.map((r) => r[2]!.text)).toEqual([...Array(10).fill('1.00'), '10.00']);
      expect(targets.slice(0, 10).sort()).toEqual([...Array(9).fill('3.50'), '3.46'].sort());
      expect(targets[10]).toBe('35.00');
      expect(table.note).toBe(ROUNDING_NOTE);
    });
  });

  it('gives districts whose completion prints the same one rank, and the next district the rank after them', async () => {
    await withTestWarehouse(async (w) => {
      const districts = await tenDistricts(w);
      // 莱西市 (the last code) reaches 28.87%; the nine others all print 28.54%.
      const data = await loadReportData(w.connection, { period: periodOfDate('2022-10') });
      const table = rankingTables(data, DEFAULT_PERCENT_PLACES, false).find(
        (t) => t.indicator.code === 'urban_new_jobs',
      )!;
      expect(table.rows.map((r) => [r[0]!.text, r[4]!.text])).toEqual([
        ['1', '28.87%'],
        ...Array(9).fill(['2', '28.54%']),
        ['', '28.57%'],
      ]);
      expect(data.districts.map((d) => d.code).sort()).toEqual(districts);
    });
  });
});
