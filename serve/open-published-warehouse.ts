/**
 * The board's only way into the warehouse: the published file opened read-only for one request and
 * closed after it, so a nightly publish (a rename over the file) is never blocked and the next
 * request sees the new version. The session cannot write, read other files, attach or install.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { DuckDBInstance } from '../warehouse/duckdb.ts';

/** Fixed, parameterised reads over one open read-only session. */
export interface BoardReader {
  /** Rows of a fixed query with values bound as parameters; DECIMALs come back as exact strings. */
  rows<T = Record<string, unknown>>(sql: string, params?: readonly DuckDBValue[]): Promise<T[]>;
}

/**
 * Open `file` read-only, run `work`, close. The session runs in Asia/Shanghai; after that the
 * configuration is locked, with external access off (no `COPY … TO`, `read_csv`, `ATTACH`, `INSTALL`).
 */
export async function withPublishedWarehouse<T>(
  file: string,
  work: (reader: BoardReader) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(file, {
    access_mode: 'READ_ONLY',
    enable_external_access: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    const open = connection;
    // TimeZone cannot be given at creation; it is set first and then the configuration is locked.
    await open.run(`SET TimeZone = 'Asia/Shanghai'`);
    await open.run('SET lock_configuration = true');
    return await work({
      async rows<R>(sql: string, params: readonly DuckDBValue[] = []) {
        const reader = await open.runAndReadAll(sql, [...params]);
        return reader.getRowObjectsJson() as R[];
      },
    });
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}
