/** `kpi query`: one SQL statement on the published warehouse, read-only. */
import { readPublished } from './read-published.ts';

/** The SQL failed (syntax, unknown table, refused): the message is DuckDB's. */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** Run `sql` read-only; resolves to its column names and rows (JSON-safe values). */
export async function queryWarehouse(
  db: string,
  sql: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  return readPublished(db, async (connection) => {
    let reader;
    try {
      reader = await connection.runAndReadAll(sql);
    } catch (error) {
      throw new QueryError((error as Error).message);
    }
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
  });
}
