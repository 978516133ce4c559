/**
 * One writer at a time: the run lock is an operating-system file lock on `<db>.run-lock`, held by
 * the process for as long as it writes. The kernel releases it when the process ends, however it
 * ends (`kill -9` included), so a lock is never stale, a reused pid can never hold it, and among any
 * number of simultaneous starts exactly one wins. The lock is taken through DuckDB, which locks a
 * database file it opens for writing (fcntl) and names the holder's pid when it refuses.
 *
 * `<db>.run-lock.json` says who holds the lock (pid, start, command), for messages only: finding
 * it at start means the previous holder died without releasing (it is reported as recovered).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '../warehouse/duckdb.ts';

/** Who holds (or last held) the lock, as far as the holder file says. */
export interface RunLockHolder {
  readonly pid: number;
  readonly startedAt: string;
  readonly command?: string;
}

/** Another live process holds the lock. */
export class RunLockedError extends Error {
  override name = 'RunLockedError';
  constructor(
    readonly lockPath: string,
    readonly holder: RunLockHolder,
  ) {
    super(
      `另一个运行正在进行（pid ${holder.pid}${holder.command ? `，kpi ${holder.command}` : ''}，开始于 ${holder.startedAt}），请等它结束后再试；锁文件 ${lockPath}`,
    );
  }
}

/** A held lock. */
export interface RunLock {
  /** Set when the previous holder ended without releasing (killed); its holder file was found. */
  readonly recovered: RunLockHolder | null;
  /** Release the lock (idempotent). */
  release(): void;
}

/** The lock file of a warehouse. */
export function runLockPath(dbPath: string): string {
  return `${dbPath}.run-lock`;
}

/** Locks this process holds: a second open of the same file here would share, not conflict. */
const heldHere = new Set<string>();

/**
 * Take the run lock of the warehouse at `dbPath`, or throw `RunLockedError` at once when another
 * process (or another run in this one) holds it.
 *
 * @example
 * const lock = await acquireRunLock(config.db, new Date(), 'run');
 * try { … } finally { lock.release(); }
 */
export async function acquireRunLock(dbPath: string, now = new Date(), command?: string): Promise<RunLock> {
  const lockPath = path.resolve(runLockPath(dbPath));
  const holderPath = `${lockPath}.json`;
  if (heldHere.has(lockPath)) throw new RunLockedError(lockPath, readHolder(holderPath) ?? unknownHolder());
  heldHere.add(lockPath);
  let instance: DuckDBInstance;
  try {
    await ensureLockFile(lockPath);
    instance = await DuckDBInstance.create(lockPath, { threads: '1' });
  } catch (error) {
    heldHere.delete(lockPath);
    const message = (error as Error).message;
    const pid = /Conflicting lock is held in .*\(PID (\d+)\)/.exec(message)?.[1];
    if (pid === undefined && !/Could not set lock/.test(message)) throw error;
    const holder = readHolder(holderPath);
    throw new RunLockedError(
      lockPath,
      holder && (pid === undefined || holder.pid === Number(pid))
        ? holder
        : { pid: Number(pid ?? 0), startedAt: 'unknown' },
    );
  }
  const recovered = readHolder(holderPath);
  writeAtomically(holderPath, JSON.stringify({ pid: process.pid, startedAt: now.toISOString(), command }));
  // The pid-file lock of earlier versions means nothing any more; drop it while we hold the lock.
  rmSync(`${dbPath}.lock`, { force: true });
  let released = false;
  return {
    recovered,
    release() {
      if (released) return;
      released = true;
      rmSync(holderPath, { force: true });
      instance.closeSync();
      heldHere.delete(lockPath);
    },
  };
}

/**
 * Create the lock file if it is missing, without a window in which another process could open a
 * half-written one: build it under a unique name, then link it into place (never replacing one).
 * The file is never deleted afterwards, so every process locks the same file.
 */
async function ensureLockFile(lockPath: string): Promise<void> {
  if (existsSync(lockPath)) return;
  const temp = `${lockPath}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    (await DuckDBInstance.create(temp, { threads: '1' })).closeSync();
    linkSync(temp, lockPath);
  } catch (error) {
    // Another process linked its file first: that one is the lock file.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${temp}.wal`, { force: true });
  }
}

function readHolder(holderPath: string): RunLockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(holderPath, 'utf8')) as Partial<RunLockHolder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, startedAt: String(parsed.startedAt), command: parsed.command }
      : null;
  } catch {
    return null;
  }
}

function unknownHolder(): RunLockHolder {
  return { pid: process.pid, startedAt: 'unknown' };
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
