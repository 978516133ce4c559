/**
 * 核实性审核: a district's or city's own month value (flows) or month-end level (stocks) changed
 * from the previous month by more than `tolerances.month_over_month_pct` percent.
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const monthOverMonthJump: CheckDefinition = {
  code: 'month_over_month_jump',
  severity: 'warning',
  description:
    'Month-over-month change of a reported month value (flows) or level (stocks) beyond the tolerance; skipped when last month was 0.',
  source: 'observation',
  sql: `WITH o AS (
          SELECT o.indicator_code, o.region_code, o.period, o.source_file, i.name_zh AS indicator_name, i.unit,
            CASE i.kind WHEN 'flow' THEN o.month_value ELSE o.ytd_value END AS value,
            CASE i.kind WHEN 'flow' THEN '当月' ELSE '期末' END AS measure_label
          FROM observation o JOIN dim_indicator i USING (indicator_code)
          WHERE o.origin = 'reported' AND i.kind IN ('flow', 'stock'))
        SELECT c.region_code, c.period, c.indicator_code, c.source_file, r.name_zh AS region_name,
          ${PERIOD_LABEL('c.period')} AS period_label, c.indicator_name, c.measure_label, c.value, c.unit,
          p.value AS previous_value, CASE WHEN c.value >= p.value THEN '增长' ELSE '下降' END AS direction_label,
          round(exact_pct(abs(c.value - p.value), abs(p.value)), 1) AS change_pct, prm.month_over_month_pct AS tolerance
        FROM o c
        JOIN o p ON p.indicator_code = c.indicator_code AND p.region_code = c.region_code
          AND p.period = CAST(c.period - INTERVAL 1 MONTH AS DATE)
        JOIN dim_region r ON r.region_code = c.region_code
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('c.period')} AND c.value IS NOT NULL AND p.value IS NOT NULL AND p.value <> 0
          AND exact_pct(abs(c.value - p.value), abs(p.value)) > prm.month_over_month_pct`,
};
