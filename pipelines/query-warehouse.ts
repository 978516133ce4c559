/**
 * `kpi query`: one SQL statement on the published warehouse, in a sandboxed session (SPEC §10): it
 * cannot write the warehouse or any file, read files, attach databases, install or load extensions,
 * or change its own settings. A failed or refused statement is a `QueryError` (core/).
 */
import type { Config } from '../core/config.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';
import { runQuery } from '../warehouse/run-query.ts';

/** Run `sql` read-only; resolves to its column names and rows (JSON-safe values). */
export async function queryWarehouse(
  config: Pick<Config, 'db' | 'timezone'>,
  sql: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  return withPublishedWarehouse(config.db, { sandboxed: true, timezone: config.timezone }, (connection) =>
    runQuery(connection, sql),
  );
}
