/**
 * The run lock: `<db>.lock`, created exclusively (O_EXCL) with the owner's pid and start time, so two
 * runs never overlap. A lock whose pid is dead (a killed run) is stale and is taken over with a message.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Another live process holds the lock. */
export class RunLockedError extends Error {
  override name = 'RunLockedError';
}

export interface RunLock {
  readonly file: string;
  /** Remove the lock (only if it is still ours). */
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly started_at: string;
  readonly host: string;
}

/** Take the lock for the warehouse `db`; `onMessage` hears about a stale lock taken over. */
export function acquireRunLock(
  db: string,
  options: { now?: Date; onMessage?: (text: string) => void } = {},
): RunLock {
  const file = `${db}.lock`;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    started_at: (options.now ?? new Date()).toISOString(),
    host: os.hostname(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(owner) + '\n', { flag: 'wx' });
      return {
        file,
        release() {
          const current = readOwner(file);
          if (current?.pid === owner.pid && current.started_at === owner.started_at) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(file);
      if (holder && holder.host === owner.host && isAlive(holder.pid))
        throw new RunLockedError(
          `another kpi run (pid ${holder.pid}, started ${holder.started_at}) holds ${file}; try again when it has finished`,
        );
      options.onMessage?.(
        holder
          ? `recovered a stale lock ${file}: pid ${holder.pid} (started ${holder.started_at}) is no longer running`
          : `recovered an unreadable lock file ${file}`,
      );
      unlinkSync(file);
    }
  }
  throw new RunLockedError(`could not take ${file}: another run took it at the same moment`);
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' ? (parsed as LockOwner) : null;
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
