/**
 * A data check (审核) as a query that selects violations, SQLMesh-audit style: zero rows = pass.
 * `runChecks` turns each selected row into a finding whose parameters are the row's columns; the
 * message template of each code lives with every other message in `core/format-finding.ts`.
 */
import type { CheckCode, Severity } from '../../core/finding.ts';

/**
 * One check. Its `sql` reads the one-row temp table `check_param` (period DATE or null for every
 * month, as_of TIMESTAMPTZ, month_over_month_pct, district_vs_city_pct, behind_schedule_pp,
 * deadline_day, zone, return_vs_export_pct) and selects one row per violation with at least `region_code`, `period`,
 * `indicator_code` (may be null) and every column its message template names.
 */
export interface CheckDefinition {
  /** Stable rule code stored in `finding.rule`. */
  readonly code: CheckCode;
  readonly severity: Severity;
  /** What the check guards against, for people (README, `kpi check`). */
  readonly description: string;
  /** View the check reads, used as the finding's location when a row names no `source_file`. */
  readonly source: string;
  readonly sql: string;
}

/** `2022年10月` for a period column (DuckDB strftime). */
export const PERIOD_LABEL = (column: string) => `strftime(${column}, '%Y年%-m月')`;

/** Keeps rows of the requested month only (all months when no period is given). */
export const IN_PERIOD = (column: string) => `(prm.period IS NULL OR ${column} = prm.period)`;
