/**
 * `kpi query`: one SQL statement on the published warehouse, in a sandboxed session (SPEC §10): it
 * cannot write the warehouse or any file, read files, attach databases, install or load extensions,
 * or change its own settings.
 */
import type { Config } from '../core/config.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';

/** The SQL failed (syntax, unknown table) or was `refused` (it reached beyond the warehouse). */
export class QueryError extends Error {
  override name = 'QueryError';
  constructor(
    /** DuckDB's first line. */
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
  }
}

/** Run `sql` read-only; resolves to its column names and rows (JSON-safe values). */
export async function queryWarehouse(
  config: Pick<Config, 'db' | 'timezone'>,
  sql: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  return withPublishedWarehouse(
    config.db,
    { sandboxed: true, timezone: config.timezone },
    async (connection) => {
      let reader;
      try {
        reader = await connection.runAndReadAll(sql);
      } catch (error) {
        const first = (error as Error).message.split('\n')[0]!;
        const refused =
          /^Permission Error|configuration has been locked|read-only mode|disabled (by|through) configuration/.test(
            first,
          );
        throw new QueryError(first, refused);
      }
      return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
    },
  );
}
