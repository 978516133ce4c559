/**
 * Write everything a session holds in its WAL into the database file, so a working copy is whole
 * on its own (no WAL beside it) before it is published.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Checkpoint the database of `connection`. */
export async function checkpointWarehouse(connection: DuckDBConnection): Promise<void> {
  await connection.run('CHECKPOINT');
}
