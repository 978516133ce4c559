/**
 * The salt for hashing personal ID numbers lives in a file outside the warehouse (config
 * `salt_file`), created once with random bytes; without it, the hashes in the warehouse cannot be
 * matched against a list of IDs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Read the salt, creating the file (mode 0600) on first use. */
export function readOrCreateSalt(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const salt = readFileSync(file, 'utf8').trim();
  if (salt.length < 32) throw new Error(`salt file ${file} holds fewer than 32 characters`);
  return salt;
}
