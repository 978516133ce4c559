/**
 * The one opener of the published warehouse for commands and the board that only read (`kpi query`,
 * `kpi export`, `kpi report`, `kpi catalogue --targets`, `kpi serve`): read-only, in the configured
 * time zone, closed after the work, so a nightly publish (a rename over the file) is never blocked.
 */
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { NoWarehouseError } from '../core/no-warehouse-error.ts';
import { assertDuckdbFile } from '../core/not-a-warehouse-error.ts';
import { withWarehouse } from './open-warehouse.ts';

/** How the published file is opened: its session's time zone and whether it is sandboxed. */
export interface PublishedOptions {
  /** Config `timezone`: local times (deadlines, 报送 times) are read in it. */
  readonly timezone: string;
  /**
   * Also take away every file, database and extension beyond the warehouse, and lock the
   * configuration (`kpi query`, the board; see `openWarehouse`). Exports, which write files, are not.
   */
  readonly sandboxed?: boolean;
}

/** Run `work` on a read-only connection to the published warehouse `db`; `NoWarehouseError` when there is none. */
export async function withPublishedWarehouse<T>(
  db: string,
  options: PublishedOptions,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  if (!existsSync(db)) throw new NoWarehouseError(db);
  assertDuckdbFile(db);
  const open = options.sandboxed
    ? { sandboxed: true, timezone: options.timezone }
    : { readOnly: true, timezone: options.timezone };
  return withWarehouse(db, open, ({ connection }) => work(connection));
}
