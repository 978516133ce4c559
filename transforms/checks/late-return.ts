/**
 * 核实性审核: a district's first accepted return for a month arrived after the deadline day of the
 * following month (config `deadline_day`, in the deployment timezone).
 */
import type { CheckDefinition } from './check-definition.ts';
import { submissionCheckSql } from './submission-check-sql.ts';

export const lateReturn: CheckDefinition = {
  code: 'late_return',
  severity: 'warning',
  description: 'District return received after the deadline.',
  source: 'submission',
  sql: submissionCheckSql(
    `strftime(timezone(prm.zone, s.received_at), '%Y-%m-%d %H:%M') AS received_local`,
    'NOT s.on_time',
  ),
};
