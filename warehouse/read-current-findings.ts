/**
 * The current quality findings (`quality_finding`) with their region names, for `kpi check` and
 * reports: the latest check run's findings and the ingest findings of current files.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { firstDay, type Period } from '../core/period.ts';

/** One current finding as people read it. */
export interface CurrentFinding {
  readonly severity: string;
  readonly rule: string;
  readonly region_code: string | null;
  readonly region_name: string | null;
  /** `YYYY-MM`, or null for a finding about no month. */
  readonly period: string | null;
  readonly indicator_code: string | null;
  readonly message: string;
  readonly origin: string;
}

/** Current findings, of `period` only when given, ordered by severity, region, month and rule. */
export async function readCurrentFindings(
  connection: DuckDBConnection,
  period: Period | null,
): Promise<CurrentFinding[]> {
  const reader = await connection.runAndReadAll(
    `SELECT q.severity, q.rule, q.region_code, r.name_zh AS region_name, strftime(q.period, '%Y-%m') AS period,
       q.indicator_code, q.message, q.origin
     FROM quality_finding q LEFT JOIN region r USING (region_code)
     WHERE $1 IS NULL OR q.period = CAST($1 AS DATE)
     ORDER BY q.severity, q.region_code NULLS FIRST, q.period, q.rule, q.indicator_code, q.message`,
    [period === null ? null : firstDay(period)],
  );
  return reader.getRowObjectsJson() as unknown as CurrentFinding[];
}
