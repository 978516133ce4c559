/**
 * A `kpi query` statement failed (syntax, unknown table) or was refused (it reached beyond the
 * warehouse). Core, so the CLI can word it without reaching the warehouse layer.
 */

/** The SQL failed, or was `refused` by the sandbox. */
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
