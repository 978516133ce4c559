/**
 * What a view of the warehouse declares about itself: its name, whether it is public (SPEC §10),
 * its comment and its columns' comments (DuckDB `COMMENT ON`), and its SQL.
 */

/** One view; `createViews` creates it and its comments. */
export interface ViewDefinition {
  readonly name: string;
  /** Part of the public contract (SPEC §10): columns only change with a migration note in the README. */
  readonly isPublic: boolean;
  readonly comment: string;
  readonly columns: Readonly<Record<string, string>>;
  readonly sql: string;
}
