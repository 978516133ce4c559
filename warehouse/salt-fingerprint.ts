/**
 * The warehouse remembers a fingerprint of its salt (a hash of it, which reveals nothing of it) in
 * `setting`, so a salt file from another warehouse is recognised before it counts anyone again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const KEY = 'salt_fingerprint';

/** The fingerprint recorded for the warehouse's salt, or null before one is. */
export async function readSaltFingerprint(connection: DuckDBConnection): Promise<string | null> {
  const reader = await connection.runAndReadAll(`SELECT value FROM setting WHERE key = $1`, [KEY]);
  const value = reader.getRowObjectsJson()[0]?.value;
  return typeof value === 'string' ? value : null;
}

/** Record (or replace) the fingerprint of the warehouse's salt. */
export async function recordSaltFingerprint(
  connection: DuckDBConnection,
  fingerprint: string,
): Promise<void> {
  await connection.run(`INSERT OR REPLACE INTO setting (key, value) VALUES ($1, $2)`, [KEY, fingerprint]);
}
