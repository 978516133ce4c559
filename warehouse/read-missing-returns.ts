/**
 * The districts of the city with no current, accepted return for a month: whom a 催报 or a late
 * notice names. Reads the warehouse only.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Period } from '../core/period.ts';

/** Code and Chinese name of every district without a return for `period`, in region-code order. */
export async function readMissingReturns(
  connection: DuckDBConnection,
  period: Period,
): Promise<Array<{ code: string; name: string }>> {
  const reader = await connection.runAndReadAll(
    `SELECT r.region_code AS code, r.name_zh AS name
       FROM dim_region r JOIN dim_region p ON p.region_code = r.parent_code AND p.level = 'city'
      WHERE r.level = 'district' AND r.region_code NOT IN (
        SELECT region_code FROM source_file WHERE source_kind = 'return' AND status <> 'rejected'
          AND superseded_at IS NULL AND region_code IS NOT NULL AND strftime(period, '%Y-%m') = $1)
      ORDER BY r.region_code`,
    [period],
  );
  return reader.getRowObjectsJson().map((row) => ({ code: String(row.code), name: String(row.name) }));
}
