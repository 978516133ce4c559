/**
 * Readers never see a half-built warehouse: the run builds in a working copy, and publishing copies
 * it beside the published file, flushes it to disk and renames it over the published one. A reader
 * with the old file open keeps reading the old version; the next reader opens the new one.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPrivateTempDir, removePrivateTempDir } from '../core/private-temp.ts';

/** The working copy the pipeline builds in, next to the published file. */
export function workingCopyPath(publishedPath: string): string {
  return `${publishedPath}.work`;
}

/**
 * Start a run's working copy from the published warehouse (or from nothing). Whatever an earlier,
 * killed run left in the working copy is discarded. A write-ahead log beside the published file
 * (left by a writer killed while writing it in place) goes with it into the copy, where DuckDB
 * replays it; the publish then removes it, so it is never replayed onto another file.
 */
export function prepareWorkingCopy(publishedPath: string): string {
  const work = workingCopyPath(publishedPath);
  rmSync(work, { force: true });
  rmSync(`${work}.wal`, { force: true });
  if (existsSync(publishedPath)) {
    copyFileSync(publishedPath, work);
    if (existsSync(`${publishedPath}.wal`)) copyFileSync(`${publishedPath}.wal`, `${work}.wal`);
  }
  return work;
}

/**
 * Atomically replace the published warehouse with the (closed, checkpointed) working copy.
 * `beforeRename` runs once the replacement is on disk and before it takes the published name (a
 * fault injection may end the process there; the published file is untouched).
 */
export function publishWarehouse(workPath: string, publishedPath: string, beforeRename?: () => void): void {
  if (existsSync(`${workPath}.wal`)) throw new Error(`${workPath} was not checkpointed before publishing`);
  // The copy is made in the private temp folder (same file system: the rename is atomic); a run
  // killed before the rename leaves it there, and the next run sweeps it.
  const scratch = createPrivateTempDir(publishedPath, 'publish-');
  try {
    const temp = path.join(scratch, path.basename(publishedPath));
    copyFileSync(workPath, temp);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    beforeRename?.();
    // The log of the file being replaced is in the copy already (see `prepareWorkingCopy`).
    rmSync(`${publishedPath}.wal`, { force: true });
    renameSync(temp, publishedPath);
  } finally {
    removePrivateTempDir(scratch);
  }
  const dir = openSync(path.dirname(publishedPath), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
