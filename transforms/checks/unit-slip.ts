/**
 * 核实性审核: a region's own figure about 1/10,000 of the previous month's — the mark of a figure in
 * 万 stored as if in the base unit (0.1158 for 1,158人). Flows compare YTD, stocks their level.
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const unitSlip: CheckDefinition = {
  code: 'unit_slip',
  severity: 'warning',
  description:
    'A reported YTD (flows) or level (stocks) between 1/30,000 and 1/3,000 of the previous month’s: probably written in 万 but read in the base unit.',
  source: 'observation',
  sql: `WITH o AS (
          SELECT o.indicator_code, o.region_code, o.period, o.source_file, i.name_zh AS indicator_name, i.unit,
            o.ytd_value AS value
          FROM observation o JOIN dim_indicator i USING (indicator_code)
          WHERE o.origin = 'reported' AND i.kind IN ('flow', 'stock'))
        SELECT c.region_code, c.period, c.indicator_code, c.source_file, r.name_zh AS region_name,
          ${PERIOD_LABEL('c.period')} AS period_label, c.indicator_name, c.value, c.unit, p.value AS previous_value
        FROM o c
        JOIN o p ON p.indicator_code = c.indicator_code AND p.region_code = c.region_code
          AND p.period = CAST(c.period - INTERVAL 1 MONTH AS DATE)
        JOIN dim_indicator i ON i.indicator_code = c.indicator_code
        JOIN dim_region r ON r.region_code = c.region_code
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('c.period')} AND c.value > 0 AND p.value > 0
          -- A flow's YTD starts again in January: compare within the year only.
          AND (i.kind = 'stock' OR month(c.period) > 1)
          AND c.value * 3000 <= p.value AND c.value * 30000 >= p.value`,
};
