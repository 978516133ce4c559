/**
 * The salt for hashing personal ID numbers lives in a file outside the warehouse (by default in its
 * private state beside it), created once with random bytes while the warehouse has counted nobody;
 * once it has, a missing salt or another warehouse's is an error, never replaced or used: either
 * would count everyone again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { hasPersonHashes } from '../../warehouse/has-person-hashes.ts';
import { readSaltFingerprint } from '../../warehouse/salt-fingerprint.ts';

/**
 * The warehouse has person hashes but its salt cannot be used: the file is gone (`missing`) or
 * holds a salt other than the one the warehouse counted with (`foreign`).
 */
export class UnusableSaltError extends Error {
  override name = 'UnusableSaltError';
  constructor(
    readonly file: string,
    readonly kind: 'missing' | 'foreign',
  ) {
    super(
      kind === 'missing'
        ? `仓库已按公民身份号码计数过人员，但找不到它的盐值文件 ${file}`
        : `盐值文件 ${file} 不是本仓库计数人员时所用的盐值`,
    );
  }
}

/** A hash of the salt, kept in the warehouse to recognise it; it reveals nothing of the salt. */
export function saltFingerprint(salt: string): string {
  return createHash('sha256').update(`kpi salt fingerprint\n${salt}`).digest('hex');
}

/**
 * Read the salt of the warehouse on `connection` from `file`; create the file (folder 0700, file
 * 0600) only while the warehouse holds no person hash. Throws `UnusableSaltError` when it holds
 * some and the file is gone or its salt is not the one the warehouse recorded.
 */
export async function readOrCreateSalt(connection: DuckDBConnection, file: string): Promise<string> {
  if (!existsSync(file)) {
    if (await hasPersonHashes(connection)) throw new UnusableSaltError(file, 'missing');
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
  const recorded = await readSaltFingerprint(connection);
  if (recorded !== null && recorded !== saltFingerprint(salt) && (await hasPersonHashes(connection)))
    throw new UnusableSaltError(file, 'foreign');
  return salt;
}
