/**
 * A file where the warehouse should be that is not a DuckDB database (damaged, truncated, or some
 * other file): said before anything copies or opens it, naming the file the person gave.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** The file at `db` exists but is not a DuckDB database. */
export class NotAWarehouseError extends Error {
  override name = 'NotAWarehouseError';
  constructor(readonly db: string) {
    super(`${db} 不是DuckDB仓库文件（已损坏或是别的文件）：请从备份恢复，或用 --db 指定正确的仓库`);
  }
}

/**
 * Throw `NotAWarehouseError` unless the existing file `db` starts as a DuckDB database does (the
 * magic `DUCK` at byte 8 of its header). An empty file is not a warehouse either.
 */
export function assertDuckdbFile(db: string): void {
  const header = Buffer.alloc(12);
  const fd = openSync(db, 'r');
  try {
    readSync(fd, header, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 8, 12) !== 'DUCK') throw new NotAWarehouseError(db);
}
