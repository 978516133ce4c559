/**
 * Time-series views for export (pandas, R, Excel): a long table (one row per indicator, region and
 * month) and a wide one (one row per indicator, region and year, one column per month 1月…12月).
 */
import type { ViewDefinition } from './view-definition.ts';

const MONTH_COLUMNS = Array.from({ length: 12 }, (_, k) => k + 1);

export const TIMESERIES_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'timeseries_long',
    isPublic: false,
    comment:
      'Long time series: one row per indicator, region and month with names and units (tidy data for pandas/R). Values in base units; rates in percent.',
    columns: {
      indicator_code: 'Indicator.',
      indicator_name: 'Canonical Chinese name.',
      category: 'Category.',
      kind: 'flow · stock · net_change · ratio · rate.',
      unit: 'Base unit of the values.',
      region_code: 'Region.',
      region_name: 'Region name.',
      period: 'Month, as the first day of the month.',
      year: 'Year.',
      month: 'Month number 1–12.',
      ytd_value:
        'Flows: 1–N月累计. Stocks: level. Ratios, rates: percent. Net changes: change since the previous December.',
      month_value: 'Flows: the month’s own value. Net changes: change over the month. Otherwise null.',
      origin: 'reported or rolled_up (city summed from districts).',
    },
    sql: `SELECT o.indicator_code, i.name_zh AS indicator_name, i.category, i.kind, i.unit,
            o.region_code, r.name_zh AS region_name, o.period, year(o.period) AS year, month(o.period) AS month,
            o.ytd_value, o.month_value, o.origin
          FROM observation o JOIN dim_indicator i USING (indicator_code) JOIN dim_region r USING (region_code)`,
  },
  {
    name: 'timeseries_wide',
    isPublic: false,
    comment:
      'Wide time series as a statistician lays out a year: one row per indicator, region and year, one column per month (1月…12月) holding the published figure — 1–N月累计 for flows, the level for stocks, the percent for ratios and rates, the change since the previous December for net changes.',
    columns: {
      indicator_code: 'Indicator.',
      indicator_name: 'Canonical Chinese name.',
      unit: 'Base unit of the values.',
      region_code: 'Region.',
      region_name: 'Region name.',
      year: 'Year.',
      ...Object.fromEntries(
        MONTH_COLUMNS.map((m) => [`${m}月`, `Figure for ${m}月 (1–${m}月累计 for flows).`]),
      ),
    },
    sql: `SELECT indicator_code, indicator_name, unit, region_code, region_name, year,
            ${MONTH_COLUMNS.map((m) => `max(ytd_value) FILTER (WHERE month = ${m}) AS "${m}月"`).join(',\n            ')}
          FROM timeseries_long GROUP BY indicator_code, indicator_name, unit, region_code, region_name, year`,
  },
];
