/**
 * Fixed, parameterised reads over one open session, rows as JSON-safe objects: what the board's
 * page readers (`read-*.ts`) take, so they hold their SQL and nothing of DuckDB's reader API.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** Rows of fixed queries with values bound as parameters; DECIMALs come back as exact strings. */
export interface RowReader {
  rows<T = Record<string, unknown>>(sql: string, params?: readonly DuckDBValue[]): Promise<T[]>;
}

/** A `RowReader` over `connection`. */
export function rowReader(connection: DuckDBConnection): RowReader {
  return {
    async rows<R>(sql: string, params: readonly DuckDBValue[] = []) {
      const reader = await connection.runAndReadAll(sql, [...params]);
      return reader.getRowObjectsJson() as R[];
    },
  };
}
