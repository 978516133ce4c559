/**
 * Each data check fires on a crafted violation and stays silent on clean data; findings are stored
 * per check run and `quality_finding` shows the latest run's.
 */
import type { Period } from '../../core/period.ts';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config.ts';
import { runChecks, type CheckResult } from '../../transforms/run-checks.ts';
import { QINGDAO_DISTRICTS } from '../helpers/qingdao-districts.ts';
import { fact, withTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';

const config = configSchema.parse({});
const NOW = new Date('2022-11-10T12:00:00+08:00');
const CITY = '370200';
const DISTRICTS = QINGDAO_DISTRICTS;

async function check(w: TestWarehouse, period?: Period): Promise<Record<string, CheckResult>> {
  const results = await runChecks(w.connection, {
    runId: `check-${period ?? 'all'}`,
    now: NOW,
    config,
    period,
  });
  return Object.fromEntries(results.map((r) => [r.code, r]));
}

/** Record a district return as received (what ingest writes to source_file). */
async function received(
  w: TestWarehouse,
  region: string,
  at: string,
  status = 'loaded',
  hash = `${region}-${at}`,
) {
  await w.connection.run(
    `INSERT INTO source_file (file_hash, file_name, source_kind, source_name, region_code, period, status, received_at, run_id)
     VALUES ($1, $2, 'return', 'district_return', $3, DATE '2022-10-01', $4, CAST($5 AS TIMESTAMPTZ), 'test')`,
    [hash, `${region}_2022年1-10月.xlsx`, region, status, at],
  );
}

async function allOnTime(w: TestWarehouse) {
  for (const region of DISTRICTS) await received(w, region, '2022-11-03T09:00:00+08:00');
}

describe('checks on clean data', () => {
  it('every check passes', async () => {
    await withTestWarehouse(async (w) => {
      await allOnTime(w);
      await w.facts([
        fact('urban_new_jobs', CITY, '2022-09', 'ytd', '280000'),
        fact('urban_new_jobs', CITY, '2022-10', 'ytd', '312000'),
        ...DISTRICTS.map((region) => ({
          indicator: 'unemployment_insured',
          region,
          month: '2022-10',
          measure: 'level' as const,
          value: '1000',
        })),
        fact('unemployment_insured', CITY, '2022-10', 'level', '10000'),
        fact('dispute_cases_closed', '370202', '2022-10', 'ytd', '100'),
        fact('dispute_cases_mediated', '370202', '2022-10', 'ytd', '60'),
      ]);
      const results = await check(w, '2022-10');
      expect(Object.values(results).map((r) => [r.code, r.status])).toEqual([
        ['month_over_month_jump', 'passed'],
        ['above_twice_target', 'passed'],
        ['districts_vs_city', 'passed'],
        ['behind_schedule', 'passed'],
        ['sum_of_parts', 'passed'],
        ['late_return', 'passed'],
        ['missing_return', 'passed'],
        ['return_vs_export', 'passed'],
        ['unit_slip', 'passed'],
      ]);
    });
  });
});

describe('each check fires on its violation', () => {
  it('month_over_month_jump: a month value doubling', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('urban_new_jobs', '370202', '2022-09', 'month', '100'),
        fact('urban_new_jobs', '370202', '2022-10', 'month', '200'),
      ]);
      const { month_over_month_jump: r } = await check(w);
      expect(r!.findings.map((f) => [f.regionCode, f.period, f.indicatorCode, f.message])).toEqual([
        [
          '370202',
          '2022-10',
          'urban_new_jobs',
          '市南区2022年10月城镇新增就业当月200人，较上月100人增长100%，超过50%的核实阈值',
        ],
      ]);
    });
  });

  it('above_twice_target: a YTD above twice the annual target', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([fact('urban_new_jobs', CITY, '2022-10', 'ytd', '800000')]);
      const { above_twice_target: r } = await check(w);
      expect(r!.findings.map((f) => f.message)).toEqual([
        '青岛市2022年10月城镇新增就业为800000人，超过2022年目标350000人的两倍（完成228.6%），请核实',
      ]);
    });
  });

  it('districts_vs_city: all districts summing 9.1% below the city figure', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        ...DISTRICTS.map((region) => ({
          indicator: 'unemployment_insured',
          region,
          month: '2022-10',
          measure: 'level' as const,
          value: '1000',
        })),
        fact('unemployment_insured', CITY, '2022-10', 'level', '11000'),
      ]);
      const { districts_vs_city: r } = await check(w);
      // (10000 − 11000) ÷ 11000 = −9.0909…%
      expect(r!.findings.map((f) => [f.regionCode, f.message])).toEqual([
        [
          CITY,
          '2022年10月失业保险参保人数各区市合计10000人，与青岛市上报数11000人相差-9.09%，超过0.5%的容差',
        ],
      ]);
    });
  });

  it('behind_schedule: a district 33.3 points behind 时序进度', async () => {
    await withTestWarehouse(async (w) => {
      await w.connection.run(
        `INSERT INTO dim_target (indicator_code, region_code, start_year, end_year, basis, target_value, direction, source, issuer, due_period, approximate, loaded_from, loaded_at)
         VALUES ('urban_new_jobs', '370202', 2022, 2022, 'annual', 10000, 'at_least', 'test', '市定', DATE '2022-12-01', false, 'test', now())`,
      );
      await w.facts([fact('urban_new_jobs', '370202', '2022-10', 'ytd', '5000')]);
      const { behind_schedule: r } = await check(w);
      // 50% − 83.333…% = −33.3 个百分点
      expect(r!.findings.map((f) => f.message)).toEqual([
        '市南区2022年10月城镇新增就业完成2022年计划的50%，慢于时序进度33.3个百分点（阈值10个百分点）',
      ]);
    });
  });

  it('sum_of_parts: 调解结案数 above 结案数', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('dispute_cases_closed', '370202', '2022-10', 'ytd', '100'),
        fact('dispute_cases_mediated', '370202', '2022-10', 'ytd', '120'),
      ]);
      const { sum_of_parts: r } = await check(w);
      expect(r!.findings.map((f) => [f.regionCode, f.indicatorCode, f.message])).toEqual([
        [
          '370202',
          'dispute_cases_closed',
          '市南区2022年10月劳动人事争议调解结案数合计120件，超过劳动人事争议结案数100件',
        ],
      ]);
    });
  });

  it('return_vs_export: a district return 2% above the export, both figures shown', async () => {
    await withTestWarehouse(async (w) => {
      await allOnTime(w);
      const months = ['2022-08', '2022-09', '2022-10'];
      await w.facts([
        ...months.map((month) => ({
          indicator: 'urban_new_jobs',
          region: '370202',
          month,
          measure: 'month' as const,
          value: '1000',
          sourceKind: 'export' as const,
          fileHash: 'export',
        })),
        {
          indicator: 'urban_new_jobs',
          region: '370202',
          month: '2022-07',
          measure: 'ytd',
          value: '7000',
          sourceKind: 'export',
          fileHash: 'export',
        },
        {
          indicator: 'urban_new_jobs',
          region: '370202',
          month: '2022-10',
          measure: 'ytd',
          value: '10200',
          fileHash: 'return',
        },
        {
          indicator: 'urban_new_jobs',
          region: '370203',
          month: '2022-10',
          measure: 'ytd',
          value: '10000',
          fileHash: 'return',
        },
      ]);
      // The export has January–July only as a YTD, so its October YTD cannot be rebuilt from months: no pair.
      expect((await check(w, '2022-10')).return_vs_export!.status).toBe('passed');
      await w.facts(
        ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06', '2022-07'].map((month) => ({
          indicator: 'urban_new_jobs',
          region: '370202',
          month,
          measure: 'month' as const,
          value: '1000',
          sourceKind: 'export' as const,
          fileHash: 'export',
        })),
      );
      const result = (await check(w, '2022-10')).return_vs_export!;
      expect(result.status).toBe('failed');
      expect(result.findings.map((f) => f.message)).toEqual([
        '2022年10月市南区城镇新增就业（累计）：区市报表10200人，系统导出10000人，相差2%，超过1%的容差（发布值取自系统导出）',
      ]);
    });
  });

  it('late_return and missing_return: one late, one rejected, eight never received', async () => {
    await withTestWarehouse(async (w) => {
      await received(w, '370202', '2022-11-05T23:59:00+08:00');
      await received(w, '370203', '2022-11-06T00:00:00+08:00');
      await received(w, '370211', '2022-11-04T10:00:00+08:00', 'rejected');
      const { late_return: late, missing_return: missing } = await check(w, '2022-10');
      expect(late!.findings.map((f) => f.message)).toEqual([
        '市北区2022年10月报表于2022-11-06 00:00报送，晚于截止日2022-11-05',
      ]);
      expect(missing!.findings.map((f) => f.regionCode)).toEqual(DISTRICTS.slice(2));
      expect(missing!.findings[0]!.message).toBe(
        '黄岛区2022年10月报表截至2022-11-05未报送（报送的报表未通过审核，已退回）',
      );
      expect(missing!.findings[1]!.message).toBe('崂山区2022年10月报表截至2022-11-05未报送');
    });
  });
});

describe('findings are stored per run', () => {
  it('keeps every run in finding and shows only the latest check run in quality_finding', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([fact('urban_new_jobs', CITY, '2022-10', 'ytd', '800000')]);
      await runChecks(w.connection, { runId: 'first', now: NOW, config });
      await w.facts(
        [fact('urban_new_jobs', CITY, '2022-10', 'ytd', '312000')],
        new Date('2022-11-11T10:00:00+08:00'),
      );
      await runChecks(w.connection, { runId: 'second', now: new Date('2022-11-11T12:00:00+08:00'), config });
      expect(await w.rows(`SELECT run_id, rule FROM finding ORDER BY found_at`)).toEqual([
        { run_id: 'first', rule: 'above_twice_target' },
      ]);
      expect(await w.rows(`SELECT * FROM quality_finding`)).toEqual([]);
      expect(
        await w.rows(`SELECT run_id, findings, rules[1] AS first_rule FROM check_run ORDER BY ran_at`),
      ).toEqual([
        { run_id: 'first', findings: 1, first_rule: 'month_over_month_jump' },
        { run_id: 'second', findings: 0, first_rule: 'month_over_month_jump' },
      ]);
    });
  });

  it('keeps ingest findings of current files next to the latest check run', async () => {
    await withTestWarehouse(async (w) => {
      await received(w, '370202', '2022-11-03T09:00:00+08:00', 'rejected', 'bad');
      await w.connection.run(
        `INSERT INTO finding VALUES ('ingest-1', 'error', 'unknown_label', '370202', DATE '2022-10-01', NULL, 'bad',
           'f.xlsx → Sheet1 → A7', '未知指标', TIMESTAMPTZ '2022-11-03 09:00:00+08')`,
      );
      await w.facts([fact('urban_new_jobs', CITY, '2022-10', 'ytd', '800000')]);
      await runChecks(w.connection, { runId: 'check', now: NOW, config, period: '2022-10' });
      const current = async () =>
        w.rows(`SELECT origin, rule, region_code FROM quality_finding ORDER BY origin, rule, region_code`);
      expect((await current()).filter((r) => r.region_code === '370202' || r.origin === 'ingest')).toEqual([
        { origin: 'check', rule: 'missing_return', region_code: '370202' },
        { origin: 'ingest', rule: 'unknown_label', region_code: '370202' },
      ]);
      // A corrected return replaces the rejected one: its ingest finding is no longer current.
      await received(w, '370202', '2022-11-04T09:00:00+08:00', 'loaded', 'good');
      expect((await current()).filter((r) => r.origin === 'ingest')).toEqual([]);
    });
  });
});
