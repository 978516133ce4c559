/**
 * 核实性审核: past the deadline, a district has no accepted return for a month (none received, or
 * only rejected ones).
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';
import { SUBMISSIONS } from './late-return.ts';

export const missingReturn: CheckDefinition = {
  code: 'missing_return',
  severity: 'warning',
  description: 'District return missing after the deadline (nothing received, or every return rejected).',
  source: 'submission',
  sql: `SELECT s.region_code, s.period, CAST(NULL AS VARCHAR) AS indicator_code, s.source_file, r.name_zh AS region_name,
          ${PERIOD_LABEL('s.period')} AS period_label, strftime(s.deadline, '%Y-%m-%d') AS deadline_label,
          CASE s.status WHEN 'rejected' THEN '（报送的报表未通过审核，已退回）' ELSE '' END AS note
        FROM ${SUBMISSIONS} s JOIN dim_region r USING (region_code) CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('s.period')} AND s.overdue AND s.status IN ('missing', 'rejected')`,
};
