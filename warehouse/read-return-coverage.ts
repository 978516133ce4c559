/**
 * How far the districts' current returns reach: the latest month any district has a current
 * return for, and the districts still without one for that month. Reads `source_file` and `dim_region`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { parsePeriod, type Period } from '../core/period.ts';

/** The latest month with a current return, and the districts (names, by code) missing for it. */
export interface ReturnCoverage {
  readonly latest: Period | null;
  readonly missing: readonly string[];
}

/** Read the coverage of the current (not rejected, not superseded) district returns. */
export async function readReturnCoverage(connection: DuckDBConnection): Promise<ReturnCoverage> {
  const latestText = (
    await connection.runAndReadAll(
      `SELECT strftime(max(period), '%Y-%m') AS period FROM source_file
       WHERE source_kind = 'return' AND status <> 'rejected' AND superseded_at IS NULL`,
    )
  ).getRowObjectsJson()[0]?.period;
  const latest = typeof latestText === 'string' ? parsePeriod(latestText) : null;
  if (!latest) return { latest: null, missing: [] };
  const missing = (
    await connection.runAndReadAll(
      `SELECT r.name_zh FROM dim_region r JOIN dim_region p ON p.region_code = r.parent_code AND p.level = 'city'
       WHERE r.level = 'district' AND r.region_code NOT IN (
         SELECT region_code FROM source_file WHERE source_kind = 'return' AND status <> 'rejected'
           AND superseded_at IS NULL AND strftime(period, '%Y-%m') = $1)
       ORDER BY r.region_code`,
      [latest],
    )
  )
    .getRowObjectsJson()
    .map((row) => String(row.name_zh));
  return { latest, missing };
}
