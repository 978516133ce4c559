/**
 * 核实性审核: a district return and a system export give the same indicator, region and month, and
 * differ by more than `tolerances.return_vs_export_pct` percent. The published value comes from the
 * indicator's authority (by default the export); the finding shows both figures.
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const returnVsExport: CheckDefinition = {
  code: 'return_vs_export',
  severity: 'warning',
  description:
    'A district return and a system export disagree beyond the tolerance: the same month value or level, or the YTD against the export’s months summed.',
  source: 'fact_value',
  sql: `WITH current AS (
          SELECT indicator_code, region_code, period, measure, source_kind, value FROM fact_value WHERE superseded_at IS NULL),
        export_ytd AS (
          SELECT e.indicator_code, e.region_code, e.period, sum(e2.value) AS value
          FROM current e JOIN current e2 ON e2.indicator_code = e.indicator_code AND e2.region_code = e.region_code
            AND e2.source_kind = 'export' AND e2.measure = 'month' AND year(e2.period) = year(e.period) AND e2.period <= e.period
          WHERE e.source_kind = 'export' AND e.measure = 'month'
          GROUP BY ALL HAVING count(*) = month(e.period)),
        pairs AS (
          SELECT r.indicator_code, r.region_code, r.period, r.measure, r.value AS return_value, x.value AS export_value
          FROM current r JOIN export_ytd x USING (indicator_code, region_code, period)
          WHERE r.source_kind = 'return' AND r.measure = 'ytd'
          UNION ALL
          SELECT r.indicator_code, r.region_code, r.period, r.measure, r.value, x.value
          FROM current r JOIN current x USING (indicator_code, region_code, period, measure)
          WHERE r.source_kind = 'return' AND x.source_kind = 'export' AND r.measure IN ('level', 'month'))
        SELECT p.region_code, p.period, p.indicator_code, r.name_zh AS region_name, ${PERIOD_LABEL('p.period')} AS period_label,
          i.name_zh AS indicator_name, CASE p.measure WHEN 'ytd' THEN '（累计）' WHEN 'month' THEN '（当月）' ELSE '' END AS measure_label,
          i.unit, p.return_value, p.export_value,
          round(exact_pct(abs(p.return_value - p.export_value), p.export_value), 2) AS difference_pct,
          prm.return_vs_export_pct AS tolerance,
          CASE i.authority WHEN 'export' THEN '系统导出' ELSE '区市报表' END AS authority_label
        FROM pairs p JOIN dim_indicator i USING (indicator_code) JOIN dim_region r USING (region_code)
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('p.period')} AND p.export_value <> 0
          AND exact_pct(abs(p.return_value - p.export_value), p.export_value) > prm.return_vs_export_pct`,
};
