/**
 * (Re)creates the macros and views with their comments. Idempotent; run by `kpi init`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from './sql.ts';
import { DERIVED_VIEWS } from './views-derived.ts';
import { TIMESERIES_VIEWS } from './views-timeseries.ts';
import { VINTAGE_MACROS_SQL, VINTAGE_VIEWS } from './views-vintage.ts';
import { MACROS_SQL, VIEWS } from './views.ts';

/** Create or replace every view, then comment each view and column. */
export async function createViews(connection: DuckDBConnection): Promise<void> {
  await connection.run(MACROS_SQL);
  await connection.run(VINTAGE_MACROS_SQL);
  for (const view of [...VIEWS, ...DERIVED_VIEWS, ...TIMESERIES_VIEWS, ...VINTAGE_VIEWS]) {
    const name = quoteIdentifier(view.name);
    await connection.run(`CREATE OR REPLACE VIEW ${name} AS ${view.sql}`);
    await connection.run(`COMMENT ON VIEW ${name} IS ${quoteLiteral(view.comment)}`);
    for (const [column, comment] of Object.entries(view.columns)) {
      await connection.run(
        `COMMENT ON COLUMN ${name}.${quoteIdentifier(column)} IS ${quoteLiteral(comment)}`,
      );
    }
  }
}
