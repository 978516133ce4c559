/**
 * Applies pending migrations in order, each in its own transaction, and reports one result per
 * migration (applied or already present). Running it twice changes nothing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { inTransaction } from './open-warehouse.ts';

export interface MigrationResult {
  readonly version: number;
  readonly name: string;
  readonly status: 'applied' | 'present';
}

/** Bring the warehouse schema up to date. */
export async function migrate(
  connection: DuckDBConnection,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult[]> {
  await connection.run(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
  const applied = new Set(
    (await connection.runAndReadAll('SELECT version FROM schema_migration'))
      .getRowsJS()
      .map(([v]) => Number(v)),
  );
  const results: MigrationResult[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) {
      results.push({ version: migration.version, name: migration.name, status: 'present' });
      continue;
    }
    await inTransaction(connection, async () => {
      await connection.run(migration.sql);
      await connection.run('INSERT INTO schema_migration VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
    });
    results.push({ version: migration.version, name: migration.name, status: 'applied' });
  }
  return results;
}
