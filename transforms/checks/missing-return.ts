/**
 * 核实性审核: past the deadline, a district has no accepted return for a month (none received, or
 * only rejected ones).
 */
import type { CheckDefinition } from './check-definition.ts';
import { submissionCheckSql } from './submission-check-sql.ts';

export const missingReturn: CheckDefinition = {
  code: 'missing_return',
  severity: 'warning',
  description: 'District return missing after the deadline (nothing received, or every return rejected).',
  source: 'submission',
  sql: submissionCheckSql(
    `CASE s.status WHEN 'rejected' THEN '（报送的报表未通过审核，已退回）' ELSE '' END AS note`,
    `s.overdue AND s.status IN ('missing', 'rejected')`,
  ),
};
