/**
 * There is no warehouse at the configured path yet: what every reading command says before
 * `kpi init`, naming warehouses that do exist nearby. Core, so the CLI can name it without reaching
 * the warehouse layer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where a warehouse usually is, from the working folder: the default name and the demo's. */
const LIKELY_PLACES = ['kpi.duckdb', 'demo/kpi.duckdb'];

/** No warehouse file at `db`; the message names the likely ones that exist. */
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
