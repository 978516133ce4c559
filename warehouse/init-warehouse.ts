/**
 * `kpi init`: create or migrate the warehouse, load the catalogue, (re)create the views when they
 * changed. Idempotent; the catalogue and views are replaced in one transaction, facts are kept.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { createViews } from './create-views.ts';
import { migrate, type MigrationResult } from './migrate.ts';
import { inTransaction } from './open-warehouse.ts';
import { syncCatalogue } from './sync-catalogue.ts';

export interface InitResult {
  readonly migrations: MigrationResult[];
  readonly indicators: number;
  readonly regions: number;
  readonly targets: number;
}

/** Bring a warehouse to the current schema and catalogue. */
export async function initWarehouse(connection: DuckDBConnection, catalogue: Catalogue): Promise<InitResult> {
  const migrations = await migrate(connection);
  await inTransaction(connection, async () => {
    await syncCatalogue(connection, catalogue);
    await createViews(
      connection,
      migrations.some((m) => m.status === 'applied'),
    );
  });
  return {
    migrations,
    indicators: catalogue.indicators.length,
    regions: catalogue.regions.length,
    targets: catalogue.targets.length,
  };
}
