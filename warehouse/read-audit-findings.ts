/** The month's 审核 findings, read from the `quality_finding` view (current findings only). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { firstDay, type Period } from '../core/period.ts';

/** One finding as stored: codes stay English here; `buildAuditReport` words them in Chinese. */
export interface AuditFinding {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly regionCode: string | null;
  readonly indicatorCode: string | null;
  /** file → sheet → cell, or an export's row group. */
  readonly location: string | null;
  readonly message: string;
}

/** Findings of `period`, errors first, by region, indicator and location. */
export async function readAuditFindings(
  connection: DuckDBConnection,
  period: Period,
): Promise<AuditFinding[]> {
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT severity, rule, region_code, indicator_code, location, message FROM quality_finding
     WHERE period = CAST($1 AS DATE)
     ORDER BY severity, region_code NULLS FIRST, indicator_code NULLS FIRST, location NULLS FIRST, rule, message`,
    [firstDay(period)],
  );
  return (reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => ({
    severity: r.severity === 'error' ? 'error' : 'warning',
    rule: String(r.rule),
    regionCode: r.region_code == null ? null : String(r.region_code),
    indicatorCode: r.indicator_code == null ? null : String(r.indicator_code),
    location: r.location == null ? null : String(r.location),
    message: String(r.message),
  }));
}
