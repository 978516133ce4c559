/**
 * Commands that only read (`kpi query`, `kpi export`, `kpi report`) open the published warehouse
 * read-only: they never block a nightly publish and never write.
 */
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withWarehouse } from '../warehouse/open-warehouse.ts';

/** There is no warehouse at the configured path yet. */
export class NoWarehouseError extends Error {
  override name = 'NoWarehouseError';
  constructor(readonly db: string) {
    super(`no warehouse at ${db}; run \`kpi init\` first`);
  }
}

/**
 * Run `work` on a read-only connection to the published warehouse `db`; `sandboxed` (`kpi query`)
 * also takes away every file, database and extension beyond it (see `openWarehouse`).
 */
export async function readPublished<T>(
  db: string,
  work: (connection: DuckDBConnection) => Promise<T>,
  options: { readonly sandboxed?: boolean } = {},
): Promise<T> {
  if (!existsSync(db)) throw new NoWarehouseError(db);
  return withWarehouse(db, options.sandboxed ? { sandboxed: true } : { readOnly: true }, ({ connection }) =>
    work(connection),
  );
}
