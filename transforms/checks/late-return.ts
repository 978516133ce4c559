/**
 * 核实性审核: a district's first accepted return for a month arrived after the deadline day of the
 * following month (config `deadline_day`, in the deployment timezone).
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

/** The submission macro called with the check's parameters. */
export const SUBMISSIONS = `submission_as_of((SELECT as_of FROM check_param), (SELECT deadline_day FROM check_param),
  (SELECT period FROM check_param), (SELECT zone FROM check_param))`;

export const lateReturn: CheckDefinition = {
  code: 'late_return',
  severity: 'warning',
  description: 'District return received after the deadline.',
  source: 'submission',
  sql: `SELECT s.region_code, s.period, CAST(NULL AS VARCHAR) AS indicator_code, s.source_file, r.name_zh AS region_name,
          ${PERIOD_LABEL('s.period')} AS period_label,
          strftime(timezone(prm.zone, s.received_at), '%Y-%m-%d %H:%M') AS received_local,
          strftime(s.deadline, '%Y-%m-%d') AS deadline_label
        FROM ${SUBMISSIONS} s JOIN dim_region r USING (region_code) CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('s.period')} AND NOT s.on_time`,
};
