/**
 * Publishing the working database: copy it to a temp file in the published file's folder, fsync, then
 * rename over the published path in one atomic step. Readers holding the old file keep its inode.
 */
import { copyFile, mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fsyncPath } from './keep-file.ts';
import { withRetry } from './with-retry.ts';

/** Working copy the pipeline writes (beside the published file). */
export function workingPath(db: string): string {
  return `${db}.work`;
}

/** Replace `published` by a copy of `working` (which must be closed and checkpointed). */
export async function publishWarehouse(working: string, published: string): Promise<void> {
  const dir = path.dirname(path.resolve(published));
  const temp = path.join(dir, `.${path.basename(published)}.${process.pid}.tmp`);
  try {
    await withRetry(() => copyFile(working, temp));
    await fsyncPath(temp);
    await withRetry(() => rename(temp, published));
    await fsyncPath(dir);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Start a run's working copy from the published file (or from nothing on the first run). */
export async function prepareWorkingCopy(published: string): Promise<string> {
  const working = workingPath(published);
  await mkdir(path.dirname(path.resolve(published)), { recursive: true });
  await unlink(`${working}.wal`).catch(() => undefined);
  await unlink(working).catch(() => undefined);
  await withRetry(() => copyFile(published, working)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return working;
}
