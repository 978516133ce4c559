/**
 * 核实性审核: a district's cumulative completion is more than `tolerances.behind_schedule_pp`
 * percentage points behind the time schedule (时序进度) of a target window.
 */
import { IN_PERIOD, PERIOD_LABEL, type CheckDefinition } from './check-definition.ts';

export const behindSchedule: CheckDefinition = {
  code: 'behind_schedule',
  severity: 'warning',
  description:
    'District far behind schedule: completion − 时序进度 below −behind_schedule_pp (flows and net changes).',
  source: 'completion',
  sql: `SELECT c.region_code, c.period, c.indicator_code, r.name_zh AS region_name, ${PERIOD_LABEL('c.period')} AS period_label,
          i.name_zh AS indicator_name,
          CASE WHEN c.start_year = c.end_year THEN c.start_year || '年' ELSE c.start_year || '—' || c.end_year || '年' END
            AS window_label,
          round(c.completion_pct, 1) AS completion_pct, round(-c.ahead_pp, 1) AS behind_pp,
          prm.behind_schedule_pp AS tolerance
        FROM completion c JOIN dim_indicator i USING (indicator_code) JOIN dim_region r USING (region_code)
        CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('c.period')} AND r.level = 'district' AND c.kind IN ('flow', 'net_change')
          AND c.ahead_pp < -prm.behind_schedule_pp`,
};
