/**
 * Opening the warehouse file. Every caller closes what it opens (`withWarehouse` does it for you).
 * A `sandboxed` session (`kpi query`) is read-only and can reach nothing but the warehouse: no
 * file, no other database, no extension, and its configuration is locked before any SQL runs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_TIMEZONE } from '../core/config.ts';
import { DuckDBInstance } from './duckdb.ts';
import { quoteLiteral } from './sql.ts';

export interface Warehouse {
  readonly path: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

/** How a warehouse is opened. */
export interface OpenOptions {
  /** Open without write access (readers while a run publishes). */
  readonly readOnly?: boolean;
  /**
   * Read-only, and also no file, network, database or extension access beyond the warehouse,
   * with the configuration locked (SPEC §10, `kpi query`). Implies `readOnly`.
   */
  readonly sandboxed?: boolean;
  /**
   * A writer's memory: the folder DuckDB spills to (spilled rows may hold personal data: give it a
   * private folder) and, when given, DuckDB's `memory_limit` in MB (else DuckDB's own default).
   */
  readonly memory?: { readonly limitMb?: number; readonly spillDir: string };
  /** The session's time zone (config `timezone`, validated at load); the config's default when absent. */
  readonly timezone?: string;
}

/** The instance options of a sandboxed session; `lock_configuration` follows once the time zone is set. */
const SANDBOX_OPTIONS = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
} as const;

/** Open (creating if needed) a warehouse file, or `:memory:`, its session in `options.timezone`. */
export async function openWarehouse(file: string, options: OpenOptions = {}): Promise<Warehouse> {
  const readOnly = options.readOnly || options.sandboxed;
  if (file !== ':memory:' && !readOnly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const memory: Record<string, string> = options.memory
    ? {
        temp_directory: options.memory.spillDir,
        ...(options.memory.limitMb ? { memory_limit: `${options.memory.limitMb}MB` } : {}),
      }
    : {};
  const instance = await DuckDBInstance.create(
    file,
    options.sandboxed ? SANDBOX_OPTIONS : readOnly ? { access_mode: 'READ_ONLY' } : memory,
  );
  const connection = await instance.connect();
  // SET takes no parameter; the zone is a name the config checked, quoted by the one helper.
  await connection.run(`SET TimeZone = ${quoteLiteral(options.timezone ?? DEFAULT_TIMEZONE)}`);
  // DuckDB refuses TimeZone as an instance option, so the lock is set right after it, before any
  // caller's SQL: from here on no statement can turn external access back on.
  if (options.sandboxed) await connection.run('SET lock_configuration = true');
  return {
    path: file,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Run `work` with an open warehouse and close it afterwards, whatever happens. */
export async function withWarehouse<T>(
  file: string,
  options: OpenOptions,
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const warehouse = await openWarehouse(file, options);
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}

/** Run `work` inside one transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
