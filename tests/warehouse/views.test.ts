import { describe, expect, it } from 'vitest';
import { createViews } from '../../warehouse/create-views.ts';
import { initWarehouse } from '../../warehouse/init-warehouse.ts';
import { VIEWS } from '../../warehouse/views.ts';
import { QINGDAO_DISTRICTS } from '../helpers/qingdao-districts.ts';
import { fact, withTestWarehouse, type TestFact } from '../helpers/test-warehouse.ts';

const DISTRICTS = QINGDAO_DISTRICTS;

/** Split a city figure over the ten districts (the last takes the remainder), as districts report it. */
function spread(indicator: string, month: string, measure: TestFact['measure'], total: number): TestFact[] {
  const share = Math.floor(total / 10);
  return DISTRICTS.map((region, i) => ({
    indicator,
    region,
    month,
    measure,
    value: i === 9 ? total - share * 9 : share,
  }));
}

describe('kpi init', () => {
  it('is idempotent and documents every public view and column', async () => {
    await withTestWarehouse(async (w) => {
      const again = await initWarehouse(w.connection, w.catalogue);
      expect(again.migrations.every((m) => m.status === 'present')).toBe(true);
      expect(await w.rows('select count(*)::int as n from indicator')).toEqual([{ n: 68 }]);
      expect(await w.rows('select count(*)::int as n from region')).toEqual([{ n: 12 }]);
      const undocumented = await w.rows(`
        select v.view_name, c.column_name from duckdb_views() v join duckdb_columns() c on c.table_name = v.view_name
        where not v.internal and v.view_name in (${VIEWS.filter((x) => x.isPublic)
          .map((x) => `'${x.name}'`)
          .join(',')})
          and (v.comment is null or c.comment is null)`);
      expect(undocumented).toEqual([]);
    });
  });

  it("recreates the views only when their definitions differ from the warehouse's", async () => {
    await withTestWarehouse(async (w) => {
      expect(await createViews(w.connection)).toBe(false);
      // A warehouse whose views came from another version of the product, one of them since dropped.
      await w.connection.run(`UPDATE view_fingerprint SET fingerprint = 'an older version'`);
      await w.connection.run('DROP VIEW completion');
      expect(await createViews(w.connection)).toBe(true);
      expect(
        await w.rows(`select count(*)::int as n from duckdb_views() where view_name = 'completion'`),
      ).toEqual([{ n: 1 }]);
      expect(await w.rows('select count(*)::int as n from view_fingerprint')).toEqual([{ n: 1 }]);
      expect(await createViews(w.connection)).toBe(false);
      expect(await createViews(w.connection, true)).toBe(true);
    });
  });
});

describe('observation', () => {
  it('derives month values from YTD and rolls districts up to the city', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        ...spread('城镇新增就业', '2022-09', 'ytd', 290000),
        ...spread('城镇新增就业', '2022-10', 'ytd', 312000),
      ]);
      const rows =
        await w.rows(`select region_code, ytd_value, month_value, origin, regions_reported, regions_expected from observation
        where indicator_code = 'urban_new_jobs' and period = '2022-10-01' and region_code in ('370200', '370202')
        order by region_code`);
      expect(rows).toEqual([
        {
          region_code: '370200',
          ytd_value: '312000.000000',
          month_value: '22000.000000',
          origin: 'rolled_up',
          regions_reported: '10',
          regions_expected: '10',
        },
        {
          region_code: '370202',
          ytd_value: '31200.000000',
          month_value: '2200.000000',
          origin: 'reported',
          regions_reported: null,
          regions_expected: null,
        },
      ]);
    });
  });

  it('builds YTD from month values only when every month from January is there', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('见习实习人数', '市南区', '2022-01', 'month', 100),
        fact('见习实习人数', '市南区', '2022-02', 'month', 150),
        fact('见习实习人数', '市南区', '2022-04', 'month', 90),
      ]);
      const rows = await w.rows(`select strftime(period, '%m') as m, ytd_value, month_value from observation
        where indicator_code = 'internship_trainees' and region_code = '370202' order by period`);
      expect(rows).toEqual([
        { m: '01', ytd_value: '100.000000', month_value: '100.000000' },
        { m: '02', ytd_value: '250.000000', month_value: '150.000000' },
        { m: '04', ytd_value: null, month_value: '90.000000' },
      ]);
    });
  });

  it('derives a net change from the base stock against the previous December', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('企业职工基本养老保险缴费人数', '市南区', '2021-12', 'level', 500000),
        fact('企业职工基本养老保险缴费人数', '市南区', '2022-09', 'level', 507000),
        fact('企业职工基本养老保险缴费人数', '市南区', '2022-10', 'level', 508200),
      ]);
      const rows =
        await w.rows(`select strftime(period, '%Y-%m') as p, ytd_value, month_value from observation
        where indicator_code = 'enterprise_insured_net_increase' and region_code = '370202' order by period`);
      expect(rows).toEqual([
        { p: '2022-09', ytd_value: '7000.000000', month_value: null },
        { p: '2022-10', ytd_value: '8200.000000', month_value: '1200.000000' },
      ]);
    });
  });

  it('computes a city ratio as Σ numerator ÷ Σ denominator, not an average of rates', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('劳动人事争议受理案件数', '市南区', '2022-10', 'ytd', 100),
        fact('劳动人事争议结案数', '市南区', '2022-10', 'ytd', 99),
        fact('劳动人事争议受理案件数', '市北区', '2022-10', 'ytd', 900),
        fact('劳动人事争议结案数', '市北区', '2022-10', 'ytd', 801),
      ]);
      const rows = await w.rows(`select region_code, ytd_value from observation
        where indicator_code = 'dispute_closure_rate' order by region_code`);
      // (99 + 801) ÷ (100 + 900) = 90%; the average of 99% and 89% would be 94%.
      expect(rows).toEqual([
        { region_code: '370200', ytd_value: '90.000000' },
        { region_code: '370202', ytd_value: '99.000000' },
        { region_code: '370203', ytd_value: '89.000000' },
      ]);
    });
  });

  it('does not roll up a reported rate, and prefers the city’s own figure over a roll-up', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城镇调查失业率', '市南区', '2022-10', 'level', '4.8'),
        fact('城乡公益性岗位创设数', '市南区', '2022-10', 'ytd', 3000),
        fact('城乡公益性岗位创设数', '青岛市', '2022-10', 'ytd', 36500),
      ]);
      expect(
        await w.rows(
          `select count(*)::int as n from observation where indicator_code = 'surveyed_unemployment_rate' and region_code = '370200'`,
        ),
      ).toEqual([{ n: 0 }]);
      expect(
        await w.rows(
          `select ytd_value, origin from observation where indicator_code = 'public_welfare_posts' and region_code = '370200'`,
        ),
      ).toEqual([{ ytd_value: '36500.000000', origin: 'reported' }]);
    });
  });

  it('publishes the newer value and keeps the older one in history', async () => {
    await withTestWarehouse(async (w) => {
      const fact = { indicator: '城镇新增就业', region: '市南区', month: '2022-10', measure: 'ytd' as const };
      await w.facts([{ ...fact, value: 31000, fileHash: 'first' }], new Date('2022-11-03T10:00:00+08:00'));
      await w.facts([{ ...fact, value: 31200, fileHash: 'second' }], new Date('2022-11-06T10:00:00+08:00'));
      expect(
        await w.rows(
          `select ytd_value from observation where indicator_code = 'urban_new_jobs' and region_code = '370202'`,
        ),
      ).toEqual([{ ytd_value: '31200.000000' }]);
      expect(
        await w.rows(
          `select value, file_hash, superseded_by, superseded_at is not null as superseded from fact_value order by fact_id`,
        ),
      ).toEqual([
        { value: '31000.000000', file_hash: 'first', superseded_by: 'second', superseded: true },
        { value: '31200.000000', file_hash: 'second', superseded_by: null, superseded: false },
      ]);
    });
  });

  it('takes the value from the authoritative source (the export by default)', async () => {
    await withTestWarehouse(async (w) => {
      const fact = { indicator: '城镇新增就业', region: '市南区', month: '2022-10', measure: 'ytd' as const };
      await w.facts(
        [{ ...fact, value: 31150, sourceKind: 'export', fileHash: 'export' }],
        new Date('2022-11-02T10:00:00+08:00'),
      );
      await w.facts(
        [{ ...fact, value: 31200, sourceKind: 'return', fileHash: 'return' }],
        new Date('2022-11-05T10:00:00+08:00'),
      );
      expect(
        await w.rows(
          `select ytd_value from observation where indicator_code = 'urban_new_jobs' and region_code = '370202'`,
        ),
      ).toEqual([{ ytd_value: '31150.000000' }]);
    });
  });
});

describe('completion', () => {
  const completionSql = `select start_year, end_year, actual, target_value, round(completion_pct, 1) as pct,
      round(schedule_pct, 1) as schedule, round(ahead_pp, 1) as ahead, met
    from completion where indicator_code = $1 and region_code = $2 and period = $3 order by start_year`;

  it('gives the bulletin figures for a flow, for the year and for the 2021–2023 window', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        ...spread('城镇新增就业', '2021-12', 'ytd', 365000),
        ...spread('城镇新增就业', '2022-10', 'ytd', 312000),
      ]);
      expect(await w.rows(completionSql, ['urban_new_jobs', '370200', '2022-10-01'])).toEqual([
        // (365000 + 312000) ÷ 1050000 = 64.5%; schedule 22 ÷ 36 = 61.1%.
        {
          start_year: 2021,
          end_year: 2023,
          actual: '677000.000000',
          target_value: '1050000.000000',
          pct: '64.5',
          schedule: '61.1',
          ahead: '3.4',
          met: false,
        },
        // 312000 ÷ 350000 = 89.1%; schedule 10 ÷ 12 = 83.3%; 5.8 个百分点 ahead.
        {
          start_year: 2022,
          end_year: 2022,
          actual: '312000.000000',
          target_value: '350000.000000',
          pct: '89.1',
          schedule: '83.3',
          ahead: '5.8',
          met: false,
        },
      ]);
    });
  });

  it('leaves a multi-year actual empty when an earlier year’s December is missing', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts(spread('城镇新增就业', '2022-10', 'ytd', 312000));
      const rows = await w.rows(completionSql, ['urban_new_jobs', '370200', '2022-10-01']);
      expect(rows[0]).toMatchObject({ start_year: 2021, actual: null, pct: null, met: null });
    });
  });

  it('rounds exact decimals half-up: seed 004 gives 102.43% and 87.88% from 40.97万 and 35.15万', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城乡公益性岗位创设数', '山东省', '2022-05', 'ytd', '409700'),
        fact('城乡公益性岗位安置上岗人数', '山东省', '2022-05', 'ytd', '351500'),
      ]);
      const rows = await w.rows(`select indicator_code, round(completion_pct, 2) as pct, met from completion
        where region_code = '370000' order by indicator_code desc`);
      expect(rows).toEqual([
        { indicator_code: 'public_welfare_posts', pct: '102.43', met: true },
        { indicator_code: 'public_welfare_placed', pct: '87.88', met: false },
      ]);
    });
  });

  it('gives 102.43% and 87.87% from the exact counts 409,720 and 351,480', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城乡公益性岗位创设数', '山东省', '2022-05', 'ytd', 409720),
        fact('城乡公益性岗位安置上岗人数', '山东省', '2022-05', 'ytd', 351480),
      ]);
      const rows = await w.rows(
        `select round(completion_pct, 2) as pct from completion where region_code = '370000' order by indicator_code desc`,
      );
      expect(rows.map((r) => r.pct)).toEqual(['102.43', '87.87']);
    });
  });

  it('treats a rate ceiling and a ratio floor by direction, with the gap in 个百分点', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('城镇调查失业率', '青岛市', '2022-10', 'level', '5.1'),
        // The city's own components: a roll-up of one district would be partial and never reach completion.
        fact('劳动人事争议受理案件数', '青岛市', '2022-10', 'ytd', 1000),
        fact('劳动人事争议结案数', '青岛市', '2022-10', 'ytd', 912),
      ]);
      expect(await w.rows(completionSql, ['surveyed_unemployment_rate', '370200', '2022-10-01'])).toEqual([
        {
          start_year: 2022,
          end_year: 2022,
          actual: '5.100000',
          target_value: '5.500000',
          pct: null,
          schedule: null,
          ahead: '0.4',
          met: true,
        },
      ]);
      expect(await w.rows(completionSql, ['dispute_closure_rate', '370200', '2022-10-01'])).toEqual([
        // Seed 001 (2022) and seed 002 (93% every year of 2021–2023) give the same 2022 target: one row.
        {
          start_year: 2022,
          end_year: 2022,
          actual: '91.200000',
          target_value: '93.000000',
          pct: null,
          schedule: null,
          ahead: '-1.8',
          met: false,
        },
      ]);
    });
  });

  it('measures a stock against the level to reach and a net change against its target', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        ...spread('失业保险参保人数', '2022-10', 'level', 2600000),
        ...spread('企业职工基本养老保险缴费人数', '2021-12', 'level', 3000000),
        ...spread('企业职工基本养老保险缴费人数', '2022-10', 'level', 3072000),
      ]);
      expect(await w.rows(completionSql, ['unemployment_insured', '370200', '2022-10-01'])).toEqual([
        {
          start_year: 2021,
          end_year: 2023,
          actual: '2600000.000000',
          target_value: '2740000.000000',
          pct: '94.9',
          schedule: null,
          ahead: null,
          met: false,
        },
      ]);
      expect(
        await w.rows(completionSql, ['enterprise_insured_net_increase', '370200', '2022-10-01']),
      ).toEqual([
        {
          start_year: 2022,
          end_year: 2022,
          actual: '72000.000000',
          target_value: '80000.000000',
          pct: '90.0',
          schedule: '83.3',
          ahead: '6.7',
          met: false,
        },
      ]);
    });
  });
});
