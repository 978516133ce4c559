/**
 * Costly derived views read by several queries in a row (the checks, a bulletin's data), computed
 * once: for the length of `work` each view is a temp table of the same name holding its rows (a
 * temp object shadows `main`'s for this connection, in view bodies too), so the queries, unchanged,
 * read one consistent snapshot instead of deriving the view again each time.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier } from './sql.ts';

/**
 * `observation` and `completion` with the internal steps that several of their parts read again:
 * `obs_reported` feeds five of them and `obs_additive` three, so each is held before the views
 * built on it (about 180 ms for the two public views alone, 125 ms with the steps held, on a year's demo).
 */
export const OBSERVATION_SNAPSHOTS = ['obs_reported', 'obs_additive', 'observation', 'completion'] as const;

/**
 * Run `work` with `views` held as snapshots, taken in order (a later view reads the earlier ones'
 * snapshots); they are dropped afterwards whatever happens.
 */
export async function withViewSnapshots<T>(
  connection: DuckDBConnection,
  views: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    for (const view of views)
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(view)} AS SELECT * FROM main.${quoteIdentifier(view)}`,
      );
    return await work();
  } finally {
    for (const view of views) await connection.run(`DROP TABLE IF EXISTS temp.main.${quoteIdentifier(view)}`);
  }
}
