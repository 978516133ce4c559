/**
 * Whether a file's content was loaded before (same SHA-256): loading it again changes nothing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { periodOfDate, type Period } from '../core/period.ts';

/** What kind of file, and the region and month, of an accepted file with this content hash, or null when none was loaded. */
export async function findLoadedFile(
  connection: DuckDBConnection,
  hash: string,
): Promise<{ source: 'return' | 'export'; region: string | null; period: Period | null } | null> {
  const reader = await connection.runAndReadAll(
    `SELECT source_kind, region_code, strftime(period, '%Y-%m-%d') AS period FROM source_file
     WHERE file_hash = ? AND status IN ('loaded', 'revised') LIMIT 1`,
    [hash],
  );
  const row = reader.getRowObjectsJson()[0];
  if (!row) return null;
  return {
    source: row.source_kind === 'return' ? 'return' : 'export',
    region: (row.region_code as string | null) ?? null,
    period: row.period === null ? null : periodOfDate(String(row.period)),
  };
}
