/**
 * Runs every data check (transforms/checks) against the warehouse, stores the violations as
 * findings of the run (history kept) and records the check run; returns one result per check.
 * The derived views the checks read are computed once per run, not once per check: see
 * `SNAPSHOT_VIEWS`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../core/config.ts';
import { finding, type CheckCode, type Severity } from '../core/finding.ts';
import { reportFinding, type ReportedFinding } from '../core/format-finding.ts';
import { firstDay, periodOfDate, type Period } from '../core/period.ts';
import { recordCheckRun } from '../warehouse/record-check-run.ts';
import { toDuckTimestamp } from '../warehouse/duck-values.ts';
import { recordSettings } from '../warehouse/record-settings.ts';
import { OBSERVATION_SNAPSHOTS, withViewSnapshots } from '../warehouse/with-view-snapshots.ts';
import { ALL_CHECKS } from './checks/all-checks.ts';
import type { CheckDefinition } from './checks/check-definition.ts';

/** Views that several checks read and that are costly to derive: one snapshot each per check run. */
const SNAPSHOT_VIEWS = [...OBSERVATION_SNAPSHOTS, 'city_vs_districts'] as const;

/** Outcome of one check: passed (no violation), failed (findings) or error (the query failed). */
export interface CheckResult {
  readonly code: CheckCode;
  readonly severity: Severity;
  readonly status: 'passed' | 'failed' | 'error';
  readonly findings: readonly ReportedFinding[];
  /** The query's error, for status `error`. */
  readonly error?: string;
}

export interface RunChecksOptions {
  readonly runId: string;
  /** "Now" for deadlines and the findings' timestamp. */
  readonly now: Date;
  readonly config: Pick<Config, 'deadline_day' | 'timezone' | 'tolerances'>;
  /** Check that month only (default: every month). */
  readonly period?: Period;
  readonly checks?: readonly CheckDefinition[];
}

/**
 * Run the checks, store their findings in `finding` under `runId` and record the run in
 * `check_run`, which makes them the current findings of `quality_finding`. A check whose query
 * fails is reported with status `error`; the others still run.
 *
 * @example
 * const results = await runChecks(connection, { runId: 'check-1', now: new Date(), config, period: '2022-10' });
 * results.filter((r) => r.status === 'failed').flatMap((r) => r.findings);
 */
export async function runChecks(
  connection: DuckDBConnection,
  options: RunChecksOptions,
): Promise<CheckResult[]> {
  const { config, now } = options;
  const checks = options.checks ?? ALL_CHECKS;
  const period = options.period ? firstDay(options.period) : null;
  await recordSettings(connection, config);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE check_param AS SELECT CAST($1 AS DATE) AS period, CAST($2 AS TIMESTAMPTZ) AS as_of,
       CAST($3 AS DECIMAL(18, 6)) AS month_over_month_pct, CAST($4 AS DECIMAL(18, 6)) AS district_vs_city_pct,
       CAST($5 AS DECIMAL(18, 6)) AS behind_schedule_pp, CAST($6 AS INTEGER) AS deadline_day, CAST($7 AS VARCHAR) AS zone,
       CAST($8 AS DECIMAL(18, 6)) AS return_vs_export_pct`,
    [
      period,
      toDuckTimestamp(now),
      String(config.tolerances.month_over_month_pct),
      String(config.tolerances.district_vs_city_pct),
      String(config.tolerances.behind_schedule_pp),
      config.deadline_day,
      config.timezone,
      String(config.tolerances.return_vs_export_pct),
    ],
  );
  const results: CheckResult[] = [];
  try {
    await withViewSnapshots(connection, SNAPSHOT_VIEWS, async () => {
      for (const check of checks) results.push(await runCheck(connection, check));
    });
  } finally {
    await connection.run('DROP TABLE IF EXISTS temp.main.check_param');
  }
  const findings = results.flatMap((r) => r.findings);
  await recordCheckRun(connection, {
    runId: options.runId,
    period: options.period ?? null,
    ranAt: now,
    rules: checks.map((c) => c.code),
    findings,
  });
  return results;
}

async function runCheck(connection: DuckDBConnection, check: CheckDefinition): Promise<CheckResult> {
  let rows: Record<string, unknown>[];
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM (${check.sql}) AS violation`);
    rows = reader.getRowObjectsJson() as Record<string, unknown>[];
  } catch (error) {
    return {
      code: check.code,
      severity: check.severity,
      status: 'error',
      findings: [],
      error: (error as Error).message,
    };
  }
  const findings = rows.map((row): ReportedFinding =>
    reportFinding(
      finding(
        check.code,
        check.severity,
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, optionalText(v) ?? null])),
        { file: typeof row.source_file === 'string' ? row.source_file : check.source },
        {
          regionCode: optionalText(row.region_code),
          period:
            row.period === null || row.period === undefined ? undefined : periodOfDate(String(row.period)),
          indicatorCode: optionalText(row.indicator_code),
        },
      ),
    ),
  );
  return {
    code: check.code,
    severity: check.severity,
    status: findings.length ? 'failed' : 'passed',
    findings,
  };
}

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
