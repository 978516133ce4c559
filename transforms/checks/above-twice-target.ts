/**
 * 核实性审核: a cumulative flow, net change or level above twice its annual target — usually a
 * unit slip (人 for 万人) or a misplaced digit.
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const aboveTwiceTarget: CheckDefinition = {
  code: 'above_twice_target',
  severity: 'warning',
  description: 'Value above twice the annual target (flows: YTD; net changes; stocks: level).',
  source: 'completion',
  sql: `SELECT c.region_code, c.period, c.indicator_code, r.name_zh AS region_name, ${PERIOD_LABEL('c.period')} AS period_label,
          i.name_zh AS indicator_name, i.unit, c.actual, c.target_value, c.start_year AS target_year,
          round(c.completion_pct, 1) AS completion_pct
        FROM completion c JOIN dim_indicator i USING (indicator_code) JOIN dim_region r USING (region_code)
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('c.period')} AND c.start_year = c.end_year AND c.kind IN ('flow', 'stock', 'net_change')
          AND c.target_value > 0 AND c.actual > 2 * c.target_value`,
};
