/**
 * 核实性审核: where a city reports its own figure and every district reported, the districts' sum
 * differs from it by more than `tolerances.district_vs_city_pct` percent.
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const districtsVsCity: CheckDefinition = {
  code: 'districts_vs_city',
  severity: 'warning',
  description:
    'Sum of all districts differs from the city’s own figure beyond the tolerance (additive indicators, all districts reported).',
  source: 'city_vs_districts',
  sql: `SELECT v.region_code, v.period, v.indicator_code, r.name_zh AS region_name, ${PERIOD_LABEL('v.period')} AS period_label,
          i.name_zh AS indicator_name, i.unit, v.city_value, v.districts_value, round(v.difference_pct, 2) AS difference_pct,
          prm.district_vs_city_pct AS tolerance
        FROM city_vs_districts v JOIN dim_indicator i USING (indicator_code) JOIN dim_region r USING (region_code)
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('v.period')} AND v.districts_reported = v.districts_expected AND v.city_value <> 0
          AND abs(v.difference_pct) > prm.district_vs_city_pct`,
};
