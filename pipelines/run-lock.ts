/**
 * One run at a time: a lock file created exclusively (O_EXCL) holding the owner's pid and start
 * time. A lock whose pid is no longer alive is stale (the run was killed) and is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** Another live run holds the lock. */
export class RunLockedError extends Error {
  override name = 'RunLockedError';
  constructor(
    readonly lockPath: string,
    readonly holder: { pid: number; startedAt: string },
  ) {
    super(
      `another run (pid ${holder.pid}, started ${holder.startedAt}) is in progress; lock file ${lockPath}`,
    );
  }
}

export interface RunLock {
  /** Set when a stale lock of a dead run was taken over. */
  readonly recovered: { pid: number; startedAt: string } | null;
  release(): void;
}

/** Take the lock or throw `RunLockedError`. */
export function acquireRunLock(lockPath: string, now = new Date()): RunLock {
  let recovered: RunLock['recovered'] = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: now.toISOString() }));
      closeSync(fd);
      return {
        recovered,
        release() {
          try {
            if (readHolder(lockPath)?.pid === process.pid) unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && isAlive(holder.pid) && holder.pid !== process.pid)
        throw new RunLockedError(lockPath, holder);
      recovered = holder ?? { pid: 0, startedAt: 'unknown' };
      unlinkSync(lockPath);
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function readHolder(lockPath: string): { pid: number; startedAt: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid?: unknown; startedAt?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, startedAt: String(parsed.startedAt) } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
