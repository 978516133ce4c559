/**
 * Issue 11: figures a bureau can publish unchanged — one source per observation, partial roll-ups
 * kept out of completion, targets by issuer and due month, 年均 window totals, seasonal schedule, 同比.
 */
import { describe, expect, it } from 'vitest';
import { QINGDAO_DISTRICTS } from '../helpers/qingdao-districts.ts';
import { fact, withTestWarehouse, type TestFact } from '../helpers/test-warehouse.ts';

const months = (n: number) => Array.from({ length: n }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);

describe('issue 11: one source per observation (SPEC §6)', () => {
  it('takes YTD and month of 莱西市 2022-10 both from the export, never YTD from the return plus month from the export', async () => {
    await withTestWarehouse(async (w) => {
      // The export gives month values for January–October summing to 16,525; the return gives YTDs.
      const exportMonths = [1500, 1600, 1700, 1650, 1620, 1580, 1700, 1660, 1686, 1829];
      expect(exportMonths.reduce((a, b) => a + b, 0)).toBe(16525);
      await w.facts(
        months(10).map((month, i) => ({
          indicator: '城镇新增就业',
          region: '莱西市',
          month,
          measure: 'month' as const,
          value: exportMonths[i]!,
          sourceKind: 'export' as const,
          fileHash: 'export',
        })),
      );
      await w.facts([
        fact('城镇新增就业', '莱西市', '2022-09', 'ytd', 13200),
        fact('城镇新增就业', '莱西市', '2022-10', 'ytd', 14620),
      ]);
      expect(
        await w.rows(
          `select ytd_value, month_value from observation
           where indicator_code = 'urban_new_jobs' and region_code = '370285' and period = date '2022-10-01'`,
        ),
      ).toEqual([{ ytd_value: '16525.000000', month_value: '1829.000000' }]);
    });
  });

  it('derives within the chosen source: a return-only month keeps the return’s month difference', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城镇新增就业', '市南区', '2022-09', 'ytd', 9000),
        fact('城镇新增就业', '市南区', '2022-10', 'ytd', 10000),
        // The export has September only: October is the return's observation, derived within the return.
        {
          indicator: '城镇新增就业',
          region: '市南区',
          month: '2022-09',
          measure: 'ytd',
          value: 9100,
          sourceKind: 'export',
          fileHash: 'export',
        },
      ]);
      expect(
        await w.rows(
          `select strftime(period, '%m') as m, ytd_value, month_value from observation
           where indicator_code = 'urban_new_jobs' and region_code = '370202' order by period`,
        ),
      ).toEqual([
        { m: '09', ytd_value: '9100.000000', month_value: null },
        { m: '10', ytd_value: '10000.000000', month_value: '1000.000000' },
      ]);
    });
  });
});

describe('issue 11: returns from every level (SPEC §2)', () => {
  it('keeps a partial roll-up in observation but out of completion, and prefers the city’s own rate to a roll-up', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts(
        QINGDAO_DISTRICTS.slice(0, 9).map((region): TestFact => ({
          indicator: '城镇新增就业',
          region,
          month: '2022-10',
          measure: 'ytd',
          value: 30000,
        })),
      );
      await w.facts([
        fact('劳动人事争议受理案件数', '市南区', '2022-10', 'ytd', 100),
        fact('劳动人事争议结案数', '市南区', '2022-10', 'ytd', 80),
        fact('劳动人事争议案件结案率', '青岛市', '2022-10', 'level', '93.5'),
      ]);
      expect(
        await w.rows(
          `select origin, regions_reported, regions_expected from observation
           where indicator_code = 'urban_new_jobs' and region_code = '370200'`,
        ),
      ).toEqual([{ origin: 'rolled_up', regions_reported: '9', regions_expected: '10' }]);
      expect(await w.rows(`select * from completion where indicator_code = 'urban_new_jobs'`)).toEqual([]);
      expect(
        await w.rows(
          `select ytd_value, origin from observation where indicator_code = 'dispute_closure_rate' and region_code = '370200'`,
        ),
      ).toEqual([{ ytd_value: '93.500000', origin: 'reported' }]);
    });
  });

  it('tracks the city’s own monthly 城镇调查失业率 and a province figure', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城镇调查失业率', '青岛市', '2022-10', 'level', '5.2'),
        fact('城乡公益性岗位创设数', '山东省', '2022-05', 'ytd', 409720),
      ]);
      expect(
        await w.rows(`select indicator_code, region_code, met from completion order by indicator_code`),
      ).toEqual([
        { indicator_code: 'public_welfare_posts', region_code: '370000', met: true },
        { indicator_code: 'surveyed_unemployment_rate', region_code: '370200', met: true },
      ]);
    });
  });
});

describe('issue 11: targets with issuer and due month (SPEC §3)', () => {
  const sql = `select issuer, strftime(due_period, '%Y-%m') as due, round(completion_pct, 2) as pct,
      round(schedule_pct, 2) as schedule, round(ahead_pp, 2) as ahead
    from completion where indicator_code = $1 and region_code = $2 and period = cast($3 as date)
    order by start_year, end_year, issuer`;

  it('runs seed 004’s 40万 due 6月底前 over six months: May is 83.33%, not 41.67%', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城乡公益性岗位创设数', '山东省', '2022-05', 'ytd', 409720),
        fact('城乡公益性岗位安置上岗人数', '山东省', '2022-05', 'ytd', 351480),
        fact('城乡公益性岗位安置上岗人数', '山东省', '2022-07', 'ytd', 401000),
      ]);
      expect(await w.rows(sql, ['public_welfare_posts', '370000', '2022-05-01'])).toEqual([
        { issuer: '省下达', due: '2022-06', pct: '102.43', schedule: '83.33', ahead: '19.10' },
      ]);
      expect(await w.rows(sql, ['public_welfare_placed', '370000', '2022-05-01'])).toEqual([
        { issuer: '省下达', due: '2022-06', pct: '87.87', schedule: '83.33', ahead: '4.54' },
      ]);
      // After the due month the schedule stays at 100%.
      expect(await w.rows(sql, ['public_welfare_placed', '370000', '2022-07-01'])).toEqual([
        { issuer: '省下达', due: '2022-06', pct: '100.25', schedule: '100.00', ahead: '0.25' },
      ]);
    });
  });

  it('tracks a 省下达 and a 市定 target for the same indicator and year side by side', async () => {
    await withTestWarehouse(async (w) => {
      await w.connection.run(
        `insert into dim_target values ('urban_new_jobs', '370200', 2022, 2022, '省下达', 'annual', 320000, 'at_least',
           date '2022-12-01', false, '山东省下达青岛市2022年城镇新增就业任务', null, 'test', now())`,
      );
      await w.facts([fact('城镇新增就业', '青岛市', '2022-10', 'ytd', 312000)]);
      expect(await w.rows(sql, ['urban_new_jobs', '370200', '2022-10-01'])).toEqual([
        // 2021–2023 (105万): no 2021 December in this warehouse, so no cumulative actual.
        { issuer: '市定', due: '2023-12', pct: null, schedule: '61.11', ahead: null },
        { issuer: '市定', due: '2022-12', pct: '89.14', schedule: '83.33', ahead: '5.81' },
        { issuer: '省下达', due: '2022-12', pct: '97.50', schedule: '83.33', ahead: '14.17' },
      ]);
    });
  });

  it('tracks a 年均 target per year and as the window total, and an approximate target is never met or missed', async () => {
    await withTestWarehouse(async (w) => {
      expect(
        await w.rows(
          `select start_year, end_year, basis, target_value from target
           where indicator_code = 'subsidised_training' order by start_year, end_year`,
        ),
      ).toEqual([
        { start_year: 2021, end_year: 2021, basis: 'yearly', target_value: '100000.000000' },
        { start_year: 2021, end_year: 2023, basis: 'window_total', target_value: '300000.000000' },
        { start_year: 2022, end_year: 2022, basis: 'annual', target_value: '100000.000000' },
        { start_year: 2023, end_year: 2023, basis: 'yearly', target_value: '100000.000000' },
      ]);
      await w.facts([fact('金牌劳动人事争议调解组织数', '青岛市', '2022-10', 'level', 104)]);
      expect(
        await w.rows(
          `select approximate, met, round(completion_pct, 1) as pct from completion
           where indicator_code = 'gold_mediation_organisations'`,
        ),
      ).toEqual([{ approximate: true, met: null, pct: '104.0' }]);
    });
  });

  it('runs 技工院校招生人数 on its seasonal profile (autumn intake), not N ÷ 12, in its year and in its three-year window', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([fact('技工院校招生人数', '青岛市', '2022-09', 'ytd', 8000)]);
      expect(await w.rows(sql, ['technical_school_enrolment', '370200', '2022-09-01'])).toEqual([
        // The 年均1万 window total (3万 over 2021–2023) runs on the same profile within each year:
        // 2021 done, then September's 85 — (100 + 85) ÷ 3 = 61.67, not 21 ÷ 36 = 58.33.
        { issuer: '市定', due: '2023-12', pct: null, schedule: '61.67', ahead: null },
        { issuer: '市定', due: '2022-12', pct: '80.00', schedule: '85.00', ahead: '-5.00' },
      ]);
    });
  });
});

describe('issue 11: 同比 (SPEC §5)', () => {
  it('compares YTD with YTD and a rate with a rate in 个百分点', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城镇新增就业', '青岛市', '2021-10', 'ytd', 300000),
        fact('城镇新增就业', '青岛市', '2022-10', 'ytd', 312000),
        fact('城镇调查失业率', '青岛市', '2021-10', 'level', '5.4'),
        fact('城镇调查失业率', '青岛市', '2022-10', 'level', '5.1'),
      ]);
      expect(
        await w.rows(
          `select indicator_code, value, value_previous_year, change, round(change_pct, 2) as change_pct, change_unit
           from comparison where region_code = '370200' and period = date '2022-10-01' order by indicator_code`,
        ),
      ).toEqual([
        {
          indicator_code: 'surveyed_unemployment_rate',
          value: '5.100000',
          value_previous_year: '5.400000',
          change: '-0.300000',
          change_pct: null,
          change_unit: '个百分点',
        },
        {
          indicator_code: 'urban_new_jobs',
          value: '312000.000000',
          value_previous_year: '300000.000000',
          change: '12000.000000',
          change_pct: '4.00',
          change_unit: '人',
        },
      ]);
    });
  });
});
