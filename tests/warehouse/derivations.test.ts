/**
 * The derived figures of the public views (observation, completion, completion_milestone,
 * city_vs_districts) against values worked out by hand on small crafted returns.
 */
import { describe, expect, it } from 'vitest';
import { fact, withTestWarehouse } from '../helpers/test-warehouse.ts';

const SHINAN = '370202';
const SHIBEI = '370203';
const CITY = '370200';

describe('flows: month ↔ year-to-date', () => {
  it('derives YTD from an earlier YTD plus the months after it, and months from YTD differences', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('urban_new_jobs', SHINAN, '2022-01', 'ytd', '100'),
        fact('urban_new_jobs', SHINAN, '2022-02', 'month', '50'),
        fact('urban_new_jobs', SHINAN, '2022-03', 'ytd', '200'),
        fact('urban_new_jobs', SHINAN, '2022-04', 'month', '30'),
      ]);
      const rows = await w.rows(
        `SELECT strftime(period, '%m') AS m, ytd_value, month_value FROM observation
         WHERE indicator_code = 'urban_new_jobs' AND region_code = $1 ORDER BY period`,
        [SHINAN],
      );
      // Jan 100/100; Feb 100+50 = 150; Mar month 200−150 = 50; Apr 200+30 = 230.
      expect(rows).toEqual([
        { m: '01', ytd_value: '100.000000', month_value: '100.000000' },
        { m: '02', ytd_value: '150.000000', month_value: '50.000000' },
        { m: '03', ytd_value: '200.000000', month_value: '50.000000' },
        { m: '04', ytd_value: '230.000000', month_value: '30.000000' },
      ]);
    });
  });

  it('leaves YTD unknown when a month in between is missing, never treating it as 0', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('urban_new_jobs', SHINAN, '2022-01', 'month', '10'),
        fact('urban_new_jobs', SHINAN, '2022-03', 'month', '20'),
      ]);
      const rows = await w.rows(
        `SELECT strftime(period, '%m') AS m, ytd_value, month_value FROM observation
         WHERE indicator_code = 'urban_new_jobs' AND region_code = $1 ORDER BY period`,
        [SHINAN],
      );
      expect(rows).toEqual([
        { m: '01', ytd_value: '10.000000', month_value: '10.000000' },
        { m: '03', ytd_value: null, month_value: '20.000000' },
      ]);
    });
  });
});

describe('net change against the previous December', () => {
  it('is the base stock now minus the stock at the previous December; month is the change over the month', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('enterprise_pension_contributors', SHINAN, '2021-12', 'level', '1000'),
        fact('enterprise_pension_contributors', SHINAN, '2022-01', 'level', '1010'),
        fact('enterprise_pension_contributors', SHINAN, '2022-02', 'level', '1030'),
      ]);
      const rows = await w.rows(
        `SELECT strftime(period, '%Y-%m') AS p, ytd_value, month_value FROM observation
         WHERE indicator_code = 'enterprise_insured_net_increase' AND region_code = $1 ORDER BY period`,
        [SHINAN],
      );
      expect(rows).toEqual([
        { p: '2022-01', ytd_value: '10.000000', month_value: '10.000000' },
        { p: '2022-02', ytd_value: '30.000000', month_value: '20.000000' },
      ]);
    });
  });
});

describe('city roll-up and ratios', () => {
  it('sums districts into the city and computes the city ratio as Σ numerator ÷ Σ denominator', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('dispute_cases_accepted', SHINAN, '2022-01', 'ytd', '100'),
        fact('dispute_cases_accepted', SHIBEI, '2022-01', 'ytd', '300'),
        fact('dispute_cases_closed', SHINAN, '2022-01', 'ytd', '90'),
        fact('dispute_cases_closed', SHIBEI, '2022-01', 'ytd', '210'),
      ]);
      const rows = await w.rows(
        `SELECT region_code, ytd_value, origin, regions_reported FROM observation
         WHERE indicator_code IN ('dispute_closure_rate', 'dispute_cases_closed') AND period = DATE '2022-01-01'
         ORDER BY indicator_code, region_code`,
      );
      // 300 ÷ 400 = 75%, not the mean of 90% and 70% (80%).
      expect(rows).toEqual([
        { region_code: CITY, ytd_value: '300.000000', origin: 'rolled_up', regions_reported: '2' },
        { region_code: SHINAN, ytd_value: '90.000000', origin: 'reported', regions_reported: null },
        { region_code: SHIBEI, ytd_value: '210.000000', origin: 'reported', regions_reported: null },
        { region_code: CITY, ytd_value: '75.000000', origin: 'rolled_up', regions_reported: '2' },
        { region_code: SHINAN, ytd_value: '90.000000', origin: 'reported', regions_reported: null },
        { region_code: SHIBEI, ytd_value: '70.000000', origin: 'reported', regions_reported: null },
      ]);
    });
  });

  it('compares a city-reported figure with the sum of its districts', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('urban_new_jobs', CITY, '2022-01', 'ytd', '1000'),
        fact('urban_new_jobs', SHINAN, '2022-01', 'ytd', '600'),
        fact('urban_new_jobs', SHIBEI, '2022-01', 'ytd', '390'),
      ]);
      const rows = await w.rows(
        `SELECT city_value, districts_value, difference, difference_pct, districts_reported, districts_expected
         FROM city_vs_districts WHERE indicator_code = 'urban_new_jobs'`,
      );
      // 990 − 1000 = −10; −10 ÷ 1000 = −1%.
      expect(rows).toEqual([
        {
          city_value: '1000.000000',
          districts_value: '990.000000',
          difference: '-10.000000',
          difference_pct: '-1.0000000000',
          districts_reported: '2',
          districts_expected: '10',
        },
      ]);
    });
  });
});

describe('completion against plan and schedule', () => {
  it('computes completion, 时序进度 and the gap for the year and the 2021–2023 window', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('urban_new_jobs', CITY, '2021-12', 'ytd', '360000'),
        fact('urban_new_jobs', CITY, '2022-10', 'ytd', '312000'),
      ]);
      const rows = await w.rows(
        `SELECT start_year, end_year, actual, completion_pct, schedule_pct, ahead_pp, met FROM completion
         WHERE indicator_code = 'urban_new_jobs' AND period = DATE '2022-10-01' ORDER BY start_year DESC`,
      );
      // 312000 ÷ 350000 = 89.142857142…%; 10 ÷ 12 = 83.333…%; window (360000+312000) ÷ 1050000 = 64%, 22 ÷ 36.
      expect(rows).toEqual([
        {
          start_year: 2022,
          end_year: 2022,
          actual: '312000.000000',
          completion_pct: '89.1428571428',
          schedule_pct: '83.3333333333',
          ahead_pp: '5.8095238095',
          met: false,
        },
        {
          start_year: 2021,
          end_year: 2023,
          actual: '672000.000000',
          completion_pct: '64.0000000000',
          schedule_pct: '61.1111111111',
          ahead_pp: '2.8888888889',
          met: false,
        },
      ]);
    });
  });

  it('finds the first month the target was reached and how many months early (提前 N 个月完成)', async () => {
    await withTestWarehouse(async (w) => {
      await w.facts([
        fact('urban_new_jobs', CITY, '2022-09', 'ytd', '340000'),
        fact('urban_new_jobs', CITY, '2022-10', 'ytd', '351000'),
        fact('urban_new_jobs', CITY, '2022-11', 'ytd', '380000'),
      ]);
      const rows = await w.rows(
        `SELECT start_year, end_year, strftime(reached_period, '%Y-%m') AS reached, months_early, actual
         FROM completion_milestone WHERE indicator_code = 'urban_new_jobs' AND region_code = $1`,
        [CITY],
      );
      expect(rows).toEqual([
        { start_year: 2022, end_year: 2022, reached: '2022-10', months_early: '2', actual: '351000.000000' },
      ]);
    });
  });
});
