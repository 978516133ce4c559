/**
 * Filing a copy of an inbox file without ever overwriting: copy + fsync into the target folder; a
 * different file of the same name gets a suffix, an identical one is reused (a rerun after a crash).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { withRetry } from './with-retry.ts';

/** Copy `source` into `dir` as `name` (or `name (2)`, `name (3)`… on a collision); returns the path written. */
export async function keepFile(source: string, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const bytes = await readFile(source);
  const hash = sha256(bytes);
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const target = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      await withRetry(() => copyFile(source, target, constants.COPYFILE_EXCL));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (sha256(await readFile(target)) === hash) return target;
      continue;
    }
    await fsyncPath(target);
    await fsyncPath(dir);
    return target;
  }
}

/** Write a new text file beside a kept one, never overwriting a different one. */
export async function keepText(target: string, text: string): Promise<void> {
  const handle = await open(target, 'wx').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST' && (await readFile(target, 'utf8')) === text) return null;
    throw error;
  });
  if (!handle) return;
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flush a file or folder to disk. */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Hex SHA-256 of some bytes. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
