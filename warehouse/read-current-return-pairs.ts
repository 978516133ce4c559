/**
 * The districts and months that already have a current return (loaded or revised, not superseded),
 * from `source_file`: a fresh return is one whose district and month are not among them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Each current return's `region|YYYY-MM`. */
export async function readCurrentReturnPairs(connection: DuckDBConnection): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT region_code || '|' || strftime(period, '%Y-%m') AS pair FROM source_file
     WHERE source_kind = 'return' AND status IN ('loaded', 'revised') AND superseded_at IS NULL
       AND region_code IS NOT NULL AND period IS NOT NULL`,
  );
  return new Set(reader.getRowsJS().map(([pair]) => String(pair)));
}
