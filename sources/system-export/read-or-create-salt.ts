/**
 * The salt for hashing personal ID numbers lives in a file outside the warehouse (by default in its
 * private state beside it), created once with random bytes while the warehouse has counted nobody;
 * once it has, a missing salt is an error, never replaced: a new one would count everyone again.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { hasPersonHashes } from '../../warehouse/has-person-hashes.ts';

/** The warehouse has person hashes but its salt file is gone: persons cannot be counted. */
export class SaltMissingError extends Error {
  override name = 'SaltMissingError';
  constructor(readonly file: string) {
    super(`仓库已按公民身份号码计数过人员，但找不到它的盐值文件 ${file}`);
  }
}

/**
 * Read the salt of the warehouse on `connection` from `file`; create the file (folder 0700, file
 * 0600) only while the warehouse holds no person hash. Throws `SaltMissingError` otherwise.
 */
export async function readOrCreateSalt(connection: DuckDBConnection, file: string): Promise<string> {
  if (!existsSync(file)) {
    if (await hasPersonHashes(connection)) throw new SaltMissingError(file);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another command created it a moment ago: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const salt = readFileSync(file, 'utf8').trim();
  if (salt.length < 32) throw new Error(`盐值文件 ${file} 不足32个字符，不能用于计数人员`);
  return salt;
}
