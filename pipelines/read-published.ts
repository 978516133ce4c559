/**
 * Commands that only read (`kpi query`, `kpi export`, `kpi report`) open the published warehouse
 * read-only: they never block a nightly publish and never write.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { assertDuckdbFile } from '../core/not-a-warehouse-error.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';

/** There is no warehouse at the configured path yet; the message names warehouses that do exist nearby. */
export class NoWarehouseError extends Error {
  override name = 'NoWarehouseError';
  constructor(
    readonly db: string,
    cwd = process.cwd(),
  ) {
    const nearby = LIKELY_PLACES.map((p) => path.resolve(cwd, p)).filter(
      (p) => p !== path.resolve(db) && existsSync(p),
    );
    super(
      `没有找到仓库 ${db}：先运行 kpi init 创建它，或用 --db 指定已有的仓库${nearby.length ? `（这里有：${nearby.join('、')}）` : ''}`,
    );
  }
}

/** Where a warehouse usually is, from the working folder: the default name and the demo's. */
const LIKELY_PLACES = ['kpi.duckdb', 'demo/kpi.duckdb'];

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
  assertDuckdbFile(db);
  return withWarehouse(db, options.sandboxed ? { sandboxed: true } : { readOnly: true }, ({ connection }) =>
    work(connection),
  );
}
