/**
 * Derived views on top of `observation` and `completion`: city-reported figures against the sum of
 * their districts, and the month a target was first reached (提前 N 个月完成). Base units; percents.
 */
import type { ViewDefinition } from './view-definition.ts';

export const DERIVED_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'city_vs_districts',
    isPublic: false,
    comment:
      'A city’s own reported figure against the sum of its districts’ reported figures, one row per additive indicator (flow, stock, net change), city and month where both exist.',
    columns: {
      indicator_code:
        'Indicator (flows: YTD; stocks: level; net changes: change since the previous December).',
      region_code: 'City.',
      period: 'Month, as the first day of the month.',
      city_value: 'Figure the city reported itself (base unit).',
      districts_value: 'Sum of the districts that reported (base unit).',
      difference: 'districts_value − city_value (base unit).',
      difference_pct: 'difference ÷ city_value × 100 (exact decimal).',
      districts_reported: 'Districts in the sum.',
      districts_expected: 'Districts of the city.',
    },
    sql: `WITH own AS (
            SELECT o.indicator_code, o.region_code, o.period, o.ytd_value
            FROM observation o JOIN dim_indicator i USING (indicator_code)
            WHERE o.origin = 'reported' AND i.kind IN ('flow', 'stock', 'net_change') AND o.ytd_value IS NOT NULL),
          expected AS (
            SELECT parent_code AS region_code, count(*) AS districts_expected FROM dim_region
            WHERE level = 'district' GROUP BY ALL),
          d AS (
            SELECT o.indicator_code, r.parent_code AS region_code, o.period,
              sum(o.ytd_value) AS districts_value, count(*) AS districts_reported
            FROM own o JOIN dim_region r USING (region_code) WHERE r.level = 'district' GROUP BY ALL)
          SELECT c.indicator_code, c.region_code, c.period, c.ytd_value AS city_value, d.districts_value,
            d.districts_value - c.ytd_value AS difference,
            exact_pct(d.districts_value - c.ytd_value, c.ytd_value) AS difference_pct,
            d.districts_reported, e.districts_expected
          FROM own c JOIN d USING (indicator_code, region_code, period) JOIN expected e USING (region_code)`,
  },
  {
    name: 'completion_milestone',
    isPublic: false,
    comment:
      '提前 N 个月完成: per indicator, region and target window, the first month the target was reached (cumulative flows and net changes, stock levels; at_least targets) and how many months before the window’s last December that was.',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region.',
      start_year: 'First year of the target window.',
      end_year: 'Last year of the target window (the deadline is its December).',
      issuer: '省下达 or 市定: one row per target.',
      target_value: 'Target in the base unit.',
      reached_period: 'First month whose completion reached 100%.',
      actual: 'Value in that month (base unit).',
      completion_pct: 'Completion in that month (%).',
      months_early: 'Months between reached_period and December of end_year (0: reached in December).',
    },
    sql: `SELECT indicator_code, region_code, start_year, end_year, issuer, any_value(target_value) AS target_value,
            min(period) AS reached_period, arg_min(actual, period) AS actual, arg_min(completion_pct, period) AS completion_pct,
            (end_year * 12 + 12) - (year(min(period)) * 12 + month(min(period))) AS months_early
          FROM completion
          WHERE met AND direction = 'at_least' AND kind IN ('flow', 'net_change', 'stock')
          GROUP BY indicator_code, region_code, start_year, end_year, issuer`,
  },
];
