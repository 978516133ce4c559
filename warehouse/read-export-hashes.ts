/**
 * The content hashes of every system export the warehouse has seen: what tells an archived raw
 * export (names and IDs) from an archived district return, whose names carry the same hash prefix.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** The first `prefixLength` hex digits of each export's SHA-256 (the archive names' prefix). */
export async function readExportHashes(
  connection: DuckDBConnection,
  prefixLength: number,
): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT substr(file_hash, 1, $1::INTEGER) AS prefix FROM source_file WHERE source_kind = 'export'`,
    [prefixLength],
  );
  return new Set(reader.getRowObjectsJson().map((row) => String(row.prefix)));
}
