import { describe, expect, it } from 'vitest';
import { bulletinCharts } from '../../../reports/bulletin/bulletin-charts.ts';
import { loadReportData } from '../../../reports/load-report-data.ts';
import { periodOfDate } from '../../../core/period.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';

/** The 时序进度 line of the city's YTD chart of `code` in October 2022: its second series, by month. */
async function scheduleLine(w: TestWarehouse, code: string): Promise<number[]> {
  const data = await loadReportData(w.connection, { period: periodOfDate('2022-10') });
  const chart = bulletinCharts(data, {
    cityIndicatorCodes: [code],
    rankedIndicatorCodes: [],
    places: 1,
  }).find((c) => c.key === `ytd-${code}`);
  return (chart!.option('wide') as unknown as { series: { data: number[] }[] }).series[1]!.data;
}

describe('the YTD chart of a city flow', () => {
  it('draws the months still to come on the indicator’s seasonal profile, as the warehouse does for the months passed', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        { indicator: '技工院校招生人数', region: '青岛市', month: '2022-09', measure: 'ytd', value: 8000 },
        { indicator: '技工院校招生人数', region: '青岛市', month: '2022-10', measure: 'ytd', value: 9000 },
      ]);
      // Profile 0, 0, 0, 0, 0, 2, 5, 40, 85, 95, 98, 100: November is 98, not 11 ÷ 12.
      expect(await scheduleLine(w, 'technical_school_enrolment')).toEqual([
        0, 0, 0, 0, 0, 2, 5, 40, 85, 95, 98, 100,
      ]);
    });
  });

  it('draws a flow without a profile as N ÷ 12', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        { indicator: '城镇新增就业', region: '青岛市', month: '2022-10', measure: 'ytd', value: 312000 },
      ]);
      const line = await scheduleLine(w, 'urban_new_jobs');
      expect(line[9]).toBeCloseTo(83.3333, 3);
      expect(line[10]).toBeCloseTo(91.6667, 3);
      expect(line[11]).toBe(100);
    });
  });
});
