/**
 * Records the deployment settings the views need (deadline day, timezone) in the `setting` table,
 * so `submission` shows the configured deadline to anyone reading the warehouse file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../core/config.ts';

/** Upsert `deadline_day` and `timezone` from the config. */
export async function recordSettings(
  connection: DuckDBConnection,
  config: Pick<Config, 'deadline_day' | 'timezone'>,
): Promise<void> {
  await connection.run(
    `INSERT OR REPLACE INTO setting (key, value) VALUES ('deadline_day', $1), ('timezone', $2)`,
    [String(config.deadline_day), config.timezone],
  );
}
