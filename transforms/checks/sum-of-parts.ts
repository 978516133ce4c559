/**
 * 核实性审核 across sources: the parts (其中 children) of an indicator add up to more than the
 * indicator itself in the published figures (e.g. 调解结案数 above 结案数).
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const sumOfParts: CheckDefinition = {
  code: 'sum_of_parts',
  severity: 'warning',
  description: 'Children (其中) sum above their parent indicator for the same region and month.',
  source: 'observation',
  sql: `WITH ch AS (
          SELECT i.parent_code AS indicator_code, o.region_code, o.period, sum(o.ytd_value) AS children_value,
            string_agg(i.name_zh, '、' ORDER BY i.name_zh) AS child_names,
            bool_and(o.origin = 'rolled_up') AS rolled_up
          FROM observation o JOIN dim_indicator i USING (indicator_code)
          WHERE i.parent_code IS NOT NULL AND o.ytd_value IS NOT NULL
          GROUP BY ALL)
        SELECT ch.region_code, ch.period, ch.indicator_code, r.name_zh AS region_name, ${PERIOD_LABEL('ch.period')} AS period_label,
          pi.name_zh AS indicator_name, pi.unit, ch.child_names, ch.children_value, p.ytd_value AS parent_value
        FROM ch JOIN observation p USING (indicator_code, region_code, period)
        JOIN dim_indicator pi USING (indicator_code) JOIN dim_region r USING (region_code)
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('ch.period')} AND ch.children_value > p.ytd_value
          -- A city total rolled up from districts repeats the districts' own violations.
          AND NOT (ch.rolled_up AND p.origin = 'rolled_up')`,
};
