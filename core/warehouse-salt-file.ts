/**
 * Where a warehouse keeps its salt for hashing personal IDs: in its private state beside it,
 * `<dir>/.<db name>.private/salt`, so every command from any directory uses the same one (SPEC §6).
 */
import path from 'node:path';

/** The private state folder of the warehouse at `dbPath` (owner-only, like `.<db name>.tmp/`). */
export function warehousePrivateDir(dbPath: string): string {
  const resolved = path.resolve(dbPath);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.private`);
}

/**
 * The salt file of the warehouse at `dbPath`, unless the config names another (`salt_file`).
 *
 * @example
 * warehouseSaltFile('/srv/kpi/kpi.duckdb'); // '/srv/kpi/.kpi.duckdb.private/salt'
 */
export function warehouseSaltFile(dbPath: string): string {
  return path.join(warehousePrivateDir(dbPath), 'salt');
}
