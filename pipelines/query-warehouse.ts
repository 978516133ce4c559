/**
 * `kpi query`: one SQL statement on the published warehouse, in a sandboxed session (SPEC §10): it
 * cannot write the warehouse or any file, read files, attach databases, install or load extensions,
 * or change its own settings.
 */
import { readPublished } from './read-published.ts';

/** The SQL failed (syntax, unknown table) or was `refused` (it reached beyond the warehouse). */
export class QueryError extends Error {
  override name = 'QueryError';
  constructor(
    /** DuckDB's message with its hint lines (only its first line when `refused`). */
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
  }
}

/** Run `sql` read-only; resolves to its column names and rows (JSON-safe values). */
export async function queryWarehouse(
  db: string,
  sql: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  return readPublished(
    db,
    async (connection) => {
      let reader;
      try {
        reader = await connection.runAndReadAll(sql);
      } catch (error) {
        // DuckDB's hints follow its first line ("Did you mean \"region\"?", "Candidate bindings: …",
        // the statement with a caret under the fault): a person fixing the SQL needs them.
        const lines = (error as Error).message.split('\n').filter((line) => line.trim() !== '');
        const refused =
          /^Permission Error|configuration has been locked|read-only mode|disabled (by|through) configuration/.test(
            lines[0] ?? '',
          );
        throw new QueryError(refused ? lines[0]! : lines.join('\n'), refused);
      }
      return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
    },
    { sandboxed: true },
  );
}
