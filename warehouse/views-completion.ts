/**
 * Progress against targets (public, SPEC §10): `completion`, one row per target window, issuer and
 * month, with 时序进度 and the gap to it; `comparison`, year-on-year and month-on-month changes.
 */
import type { ViewDefinition } from './view-definition.ts';

export const COMPLETION_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'completion',
    isPublic: true,
    comment:
      'Progress against plan: one row per observation and target that covers its month — per window (a 2022 row and a 2021–2023 row for the same indicator) and per issuer (a 省下达 and a 市定 target side by side). A partial roll-up (not every district reported) is never a region’s figure here.',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region.',
      period: 'Month, as the first day of the month.',
      start_year: 'First year of the target window.',
      end_year: 'Last year of the target window.',
      actual:
        'Flows and net changes: cumulative from the window start (YTD; in a multi-year window the earlier years’ December totals are added, null if one is missing). Stocks, ratios, rates: the level.',
      target_value: 'Target in the base unit.',
      completion_pct:
        'actual ÷ target × 100 (exact decimal; round only for display). Null for ratios and rates.',
      schedule_pct:
        '时序进度: months elapsed in the window ÷ months from the window start to the due month × 100, at most 100 (N ÷ 12 for a year due in December; N ÷ 6 for one due in June), or the indicator’s seasonal profile where the window ends in December: for a multi-year window, whole years done plus the profile’s month, over the years (2021–2023 in October 2022: (100 + 95) ÷ 3 = 65). Flows and net changes only.',
      ahead_pp:
        'Flows and net changes: completion_pct − schedule_pct (个百分点, > 0 快于时序进度). Ratios and rates: distance from the target in 个百分点, positive on the good side.',
      met: 'The target itself is reached (at_least: actual ≥ target; at_most: actual ≤ target). Null for an approximate target (“左右”).',
      direction: 'at_least or at_most.',
      kind: 'Indicator kind.',
      basis: 'Target basis: annual · yearly (年均, one row per year) · window_total · level_by_end.',
      issuer: '省下达 (province-assigned, 完成省下达任务的x%) or 市定 (the city’s own target).',
      due_period: 'Month the target is due (first day of the month); the schedule runs to it.',
      approximate: 'The target is an approximate figure (“100家左右”): no met / not met.',
      target_source: 'The plan the target comes from.',
    },
    sql: `WITH c AS (
            -- Partial roll-ups never reach completion.
            SELECT * FROM observation
            WHERE NOT (origin = 'rolled_up' AND regions_reported < regions_expected)),
          o AS (
            SELECT o.indicator_code, o.region_code, o.period, o.ytd_value, i.kind, i.schedule_profile,
              year(o.period) AS y, month(o.period) AS m
            FROM c o JOIN dim_indicator i USING (indicator_code)),
          w AS (
            SELECT t.indicator_code, t.region_code, o.period, t.start_year, t.end_year, t.target_value, t.direction, t.basis,
              t.issuer, t.due_period, t.approximate, t.source AS target_source,
              o.kind, o.schedule_profile, o.y, o.m, o.ytd_value,
              sum(d.ytd_value) AS prior_sum, count(d.ytd_value) AS prior_years
            FROM dim_target t
            JOIN o ON o.indicator_code = t.indicator_code AND o.region_code = t.region_code
              AND o.y BETWEEN t.start_year AND t.end_year
            LEFT JOIN c d ON o.kind IN ('flow', 'net_change') AND d.indicator_code = t.indicator_code
              AND d.region_code = t.region_code AND month(d.period) = 12
              AND year(d.period) >= t.start_year AND year(d.period) < o.y
            GROUP BY ALL),
          a AS (
            SELECT *,
              CASE
                WHEN kind NOT IN ('flow', 'net_change') THEN ytd_value
                WHEN y = start_year THEN ytd_value
                WHEN prior_years = y - start_year THEN prior_sum + ytd_value
              END AS actual,
              CASE WHEN kind IN ('flow', 'net_change') THEN
                -- A seasonal profile runs within each year of the window: whole years done, plus the profile's month.
                CASE WHEN year(due_period) = end_year AND month(due_period) = 12 AND schedule_profile IS NOT NULL
                  THEN exact_pct((y - start_year) * 100 + schedule_profile[m], (end_year - start_year + 1) * 100)
                  ELSE least(CAST(100 AS DECIMAL(38, 10)), exact_pct((y - start_year) * 12 + m,
                    (year(due_period) - start_year) * 12 + month(due_period)))
                END
              END AS schedule_pct
            FROM w)
          SELECT indicator_code, region_code, period, start_year, end_year, actual, target_value,
            CASE WHEN kind IN ('flow', 'stock', 'net_change') THEN exact_pct(actual, target_value) END AS completion_pct,
            schedule_pct,
            CASE
              WHEN kind IN ('flow', 'net_change') THEN exact_pct(actual, target_value) - schedule_pct
              WHEN kind IN ('ratio', 'rate') AND direction = 'at_least' THEN CAST(actual - target_value AS DECIMAL(38, 10))
              WHEN kind IN ('ratio', 'rate') THEN CAST(target_value - actual AS DECIMAL(38, 10))
            END AS ahead_pp,
            CASE WHEN actual IS NULL OR approximate THEN NULL
                 WHEN direction = 'at_least' THEN actual >= target_value
                 ELSE actual <= target_value END AS met,
            direction, kind, basis, issuer, due_period, approximate, target_source
          FROM a`,
  },
  {
    name: 'comparison',
    isPublic: true,
    comment:
      '同比: each observation against the same month of the previous year, where the warehouse holds it — YTD against YTD for flows and net changes, level against level for stocks, rate against rate (in 个百分点) for ratios and rates. Partial roll-ups are left out.',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region.',
      period: 'Month, as the first day of the month.',
      value: 'This year: YTD (flows, net changes), level (stocks) or rate in percent (ratios, rates).',
      value_previous_year: 'The same measure for the same month of the previous year.',
      change: 'value − value_previous_year: base unit, or 个百分点 for ratios and rates.',
      change_pct:
        '同比增长率: change ÷ value_previous_year × 100 (exact decimal). Null for ratios and rates, whose change is in 个百分点.',
      change_unit: 'Unit of change: the indicator’s base unit, or 个百分点.',
      month_value: 'Flows and net changes: the month’s own value this year.',
      month_value_previous_year: 'The same month’s own value a year earlier.',
    },
    sql: `WITH c AS (
            SELECT o.*, i.kind, i.unit FROM observation o JOIN dim_indicator i USING (indicator_code)
            WHERE NOT (o.origin = 'rolled_up' AND o.regions_reported < o.regions_expected))
          SELECT c.indicator_code, c.region_code, c.period, c.ytd_value AS value, p.ytd_value AS value_previous_year,
            c.ytd_value - p.ytd_value AS change,
            CASE WHEN c.kind NOT IN ('ratio', 'rate') THEN exact_pct(c.ytd_value - p.ytd_value, p.ytd_value) END AS change_pct,
            CASE WHEN c.kind IN ('ratio', 'rate') THEN '个百分点' ELSE c.unit END AS change_unit,
            c.month_value, p.month_value AS month_value_previous_year
          FROM c JOIN c p ON p.indicator_code = c.indicator_code AND p.region_code = c.region_code
            AND p.period = CAST(c.period - INTERVAL 12 MONTH AS DATE)`,
  },
];
