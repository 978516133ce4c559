/**
 * Opening the warehouse file. Every caller closes what it opens (`withWarehouse` does it for you).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface Warehouse {
  readonly path: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

/** Open (creating if needed) a warehouse file, or `:memory:`. Sessions run in Asia/Shanghai. */
export async function openWarehouse(file: string, options: { readOnly?: boolean } = {}): Promise<Warehouse> {
  if (file !== ':memory:' && !options.readOnly)
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const instance = await DuckDBInstance.create(file, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'Asia/Shanghai'`);
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
  options: { readOnly?: boolean },
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
