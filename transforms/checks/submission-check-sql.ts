/**
 * The query both submission checks (late and missing returns) run: one row per district and month
 * of the `submission_as_of` macro, called with the check's parameters, with the columns every
 * submission finding names. Each check adds its own columns and condition.
 */
import { IN_PERIOD, PERIOD_LABEL } from './check-definition.ts';

/** Rows of `submission_as_of` (alias `s`) in the check's month where `condition` holds, with `columns` added. */
export function submissionCheckSql(columns: string, condition: string): string {
  return `SELECT s.region_code, s.period, CAST(NULL AS VARCHAR) AS indicator_code, s.source_file, r.name_zh AS region_name,
          ${PERIOD_LABEL('s.period')} AS period_label, strftime(s.deadline, '%Y-%m-%d') AS deadline_label, ${columns}
        FROM submission_as_of((SELECT as_of FROM check_param), (SELECT deadline_day FROM check_param),
          (SELECT period FROM check_param), (SELECT zone FROM check_param)) s
        JOIN dim_region r USING (region_code) CROSS JOIN check_param prm
        WHERE ${IN_PERIOD('s.period')} AND ${condition}`;
}
