/**
 * Readers never see a half-built warehouse: the run builds in a working copy beside the published
 * file, and publishing flushes the copy to disk and renames it over the published one. A reader
 * with the old file open keeps reading the old version; the next reader opens the new one.
 */
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';

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
  discardWorkingCopy(publishedPath);
  if (existsSync(publishedPath)) {
    // A reflink where the file system has them (btrfs, XFS): the copy costs nothing until written.
    copyFileSync(publishedPath, work, constants.COPYFILE_FICLONE);
    if (existsSync(`${publishedPath}.wal`)) copyFileSync(`${publishedPath}.wal`, `${work}.wal`);
  }
  return work;
}

/** Remove the working copy of `publishedPath` and its log (a command that publishes nothing). */
export function discardWorkingCopy(publishedPath: string): void {
  const work = workingCopyPath(publishedPath);
  rmSync(work, { force: true });
  rmSync(`${work}.wal`, { force: true });
}

/**
 * Atomically replace the published warehouse with the (closed, checkpointed) working copy: flushed
 * to disk, then renamed over it, so each run copies the warehouse once, when it starts.
 * `beforeRename` runs once the copy is on disk and before it takes the published name (a fault
 * injection may end the process there; the published file is untouched and the next run starts a
 * new working copy).
 */
export function publishWarehouse(workPath: string, publishedPath: string, beforeRename?: () => void): void {
  if (existsSync(`${workPath}.wal`)) throw new Error(`${workPath} was not checkpointed before publishing`);
  fsyncPath(workPath, 'r+');
  beforeRename?.();
  // The log of the file being replaced is in the copy already (see `prepareWorkingCopy`).
  rmSync(`${publishedPath}.wal`, { force: true });
  renameSync(workPath, publishedPath);
  fsyncPath(path.dirname(publishedPath), 'r');
}

/** Flush a file's (or, opened `r`, a folder's) data and metadata to disk. */
function fsyncPath(target: string, flags: 'r' | 'r+'): void {
  const fd = openSync(target, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
