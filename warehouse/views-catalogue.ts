/**
 * The catalogue as views (public, SPEC §10): indicators, regions and targets, one row each, with
 * the grain and units of every column.
 */
import type { ViewDefinition } from './view-definition.ts';

export const CATALOGUE_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'indicator',
    isPublic: true,
    comment: 'The indicator catalogue: one row per indicator.',
    columns: {
      indicator_code: 'Stable code of the indicator.',
      name_zh: 'Canonical Chinese name (指标名称).',
      category: '就业创业 / 社会保障 / 人才人事 / 劳动关系 / 公共服务.',
      kind: 'flow 累计型 · stock 时点型 · net_change 净增 · ratio 比率 (Σ分子÷Σ分母) · rate 仅全市发布的比率.',
      unit: 'Base unit values are stored in (人, 人次, 个, 家, 户, 件, 次, 元, or % for rates).',
      display_unit: 'Unit used in reports (万人, 亿元, %).',
      direction: 'at_least (…以上, 达到…) or at_most (控制在…以内).',
      parent_code: 'Indicator this one is part of (其中), if any.',
      numerator_code: 'For a ratio: the numerator indicator.',
      denominator_code: 'For a ratio: the denominator indicator.',
      base_code: 'For a net change: the stock it is the change of.',
      authority: 'Source that publishes the value when a district return and a system export both give it.',
    },
    sql: `SELECT indicator_code, name_zh, category, kind, unit, display_unit, direction, parent_code,
            numerator_code, denominator_code, base_code, authority
          FROM dim_indicator`,
  },
  {
    name: 'region',
    isPublic: true,
    comment: 'Regions (GB/T 2260 codes): province, city, districts; one row per region.',
    columns: {
      region_code: '6-digit 行政区划代码.',
      name_zh: 'Official name.',
      parent_code: 'Region this one belongs to.',
      level: 'province, city or district (区/市).',
    },
    sql: `SELECT region_code, name_zh, parent_code, level FROM dim_region`,
  },
  {
    name: 'target',
    isPublic: true,
    comment:
      'Targets per indicator, region and window of years (one row per window; yearly-average targets appear once per year).',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region the target is set for.',
      start_year: 'First year of the window.',
      end_year: 'Last year of the window (equal to start_year for an annual target).',
      target_value: 'Target in the base unit (percent for rates).',
      direction: 'at_least or at_most.',
      basis:
        'annual · yearly (one year of a 年均 figure) · window_total (cumulative over the window; for a 年均 figure, n × the yearly figure) · level_by_end (a level to reach by end_year).',
      source: 'The plan the target comes from.',
      issuer:
        '省下达 (assigned by the province, 省下达任务) or 市定 (the city’s own target). Both are tracked side by side.',
      due_period:
        'Month the target is due (first day of the month): December of end_year unless the plan sets an earlier deadline (seed 004: 6月底前 → June).',
      approximate: 'The plan gives an approximate figure (“100家左右”): progress is tracked, met stays null.',
      overrides:
        'The figure and plan this row replaced, if any (a year-specific figure replacing a 年均 figure for that year).',
      loaded_from:
        'catalogue (the bundled plans) or the target file it was loaded from (kept across kpi init).',
      loaded_at: 'When it was loaded.',
    },
    sql: `SELECT indicator_code, region_code, start_year, end_year, target_value, direction, basis, source, issuer,
            due_period, approximate, overrides, loaded_from, loaded_at
          FROM dim_target`,
  },
];
