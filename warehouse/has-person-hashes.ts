/**
 * Whether the warehouse has counted persons (`person_seen` holds salted hashes): from then on its
 * salt cannot change, or a person already counted would be counted again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** True when any person hash is stored. */
export async function hasPersonHashes(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT EXISTS (SELECT 1 FROM person_seen) AS counted');
  return reader.getRowObjectsJson()[0]?.counted === true;
}
