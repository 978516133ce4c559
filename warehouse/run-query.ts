/**
 * One statement a person typed (`kpi query`), run on a session the caller opened sandboxed: its
 * columns and JSON-safe rows, or a `QueryError` saying whether the sandbox refused it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { QueryError } from '../core/query-error.ts';

/** DuckDB's wording when the sandbox, not the SQL, stopped a statement. */
const REFUSED =
  /^Permission Error|configuration has been locked|read-only mode|disabled (by|through) configuration/;

/** Run `sql`; resolves to its column names and rows. */
export async function runQuery(
  connection: DuckDBConnection,
  sql: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  let reader;
  try {
    reader = await connection.runAndReadAll(sql);
  } catch (error) {
    // DuckDB's hints follow its first line ("Did you mean \"region\"?", "Candidate bindings: …",
    // the statement with a caret under the fault): a person fixing the SQL needs them.
    const lines = (error as Error).message.split('\n').filter((line) => line.trim() !== '');
    const refused = REFUSED.test(lines[0] ?? '');
    throw new QueryError(refused ? lines[0]! : lines.join('\n'), refused);
  }
  return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
}
