/**
 * (Re)creates the macros and views with their comments, when their definitions changed. Every write
 * starts with this; creating some 230 views and comments costs DuckDB about a quarter of a second,
 * so the script's SHA-256 is kept in `view_fingerprint` and the views are recreated only when it
 * differs (a new version of the product) or when asked to.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from './sql.ts';
import { DERIVED_VIEWS } from './views-derived.ts';
import { TIMESERIES_VIEWS } from './views-timeseries.ts';
import { VINTAGE_MACROS_SQL, VINTAGE_VIEWS } from './views-vintage.ts';
import { MACROS_SQL } from './views-macros.ts';
import { VIEWS } from './views.ts';

/** The SQL that creates or replaces every macro and view, then comments each view and column. */
function viewsScript(): string {
  const statements = [MACROS_SQL, VINTAGE_MACROS_SQL];
  for (const view of [...VIEWS, ...DERIVED_VIEWS, ...TIMESERIES_VIEWS, ...VINTAGE_VIEWS]) {
    const name = quoteIdentifier(view.name);
    statements.push(`CREATE OR REPLACE VIEW ${name} AS ${view.sql}`);
    statements.push(`COMMENT ON VIEW ${name} IS ${quoteLiteral(view.comment)}`);
    for (const [column, comment] of Object.entries(view.columns))
      statements.push(`COMMENT ON COLUMN ${name}.${quoteIdentifier(column)} IS ${quoteLiteral(comment)}`);
  }
  return statements.map((s) => s.trim().replace(/;$/, '')).join(';\n') + ';';
}

/**
 * Create or replace every macro and view (with their comments) unless the warehouse already has
 * these definitions; `force` recreates them regardless (after a migration). Call inside a
 * transaction. Resolves to whether they were created.
 */
export async function createViews(connection: DuckDBConnection, force = false): Promise<boolean> {
  const script = viewsScript();
  const fingerprint = createHash('sha256').update(script).digest('hex');
  const stored = (await connection.runAndReadAll('SELECT fingerprint FROM view_fingerprint')).getRowsJS();
  if (!force && stored.length === 1 && stored[0]![0] === fingerprint) return false;
  await connection.run(script);
  await connection.run('DELETE FROM view_fingerprint');
  await connection.run('INSERT INTO view_fingerprint VALUES ($1, now())', [fingerprint]);
  return true;
}
