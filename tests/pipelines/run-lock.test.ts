// @module-tag process
/**
 * Issue 12 (4): the run lock is an OS file lock. A holder killed with SIGKILL leaves nothing that
 * blocks; of ten processes starting at the same instant on such a lock exactly one wins, every
 * round; a holder file naming a live, unrelated process (pid reuse) blocks nothing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock, RunLockedError, runLockPath } from '../../pipelines/run-lock.ts';
import { runKpi } from '../safety/kpi-process.ts';

const CONTENDER = path.resolve('tests/safety/fixtures/hold-run-lock.ts');

interface Attempt {
  readonly round: number;
  readonly pid: number;
  readonly result: 'acquired' | 'refused';
  readonly recovered?: { pid: number } | null;
  readonly holder?: { pid: number };
}

/** A contending process (see the fixture) and the lines it prints. */
function contender(db: string, dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, db, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let partial = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk) => {
    const parts = (partial + String(chunk)).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    waiters.splice(0).forEach((wake) => wake());
  });
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  /** The `index`-th line (0: `ready`, n + 1: round n), or null if the process ended first. */
  const line = async (index: number): Promise<string | null> => {
    let ended = false;
    void exit.then(() => {
      ended = true;
      waiters.splice(0).forEach((wake) => wake());
    });
    while (lines.length <= index && !ended) await new Promise<void>((wake) => waiters.push(wake));
    return lines[index] ?? null;
  };
  return { child, line, exit };
}

describe('the run lock', () => {
  it('after its holder is killed with SIGKILL, exactly one of the simultaneous starts wins, every round', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-lock-'));
    const db = path.join(dir, 'kpi.duckdb');
    const rounds = path.join(dir, 'rounds');
    mkdirSync(rounds);
    // One process takes the lock and is killed holding it: the stale lock of a killed run.
    const first = contender(db, dir);
    expect(await first.line(0)).toBe('ready');
    writeFileSync(path.join(dir, 'go-0'), '');
    expect(JSON.parse((await first.line(1))!)).toMatchObject({ result: 'acquired' });
    writeFileSync(path.join(dir, 'release-0'), '');
    await first.exit;
    let previous = first.child.pid!;

    const contenders = Array.from({ length: 10 }, () => contender(db, rounds));
    for (const c of contenders) expect(await c.line(0)).toBe('ready');
    // Round n: every contender still alive tries at once; the winner then dies holding the lock.
    for (let round = 0; round < 4; round++) {
      const alive = contenders.filter((c) => c.child.exitCode === null && c.child.signalCode === null);
      writeFileSync(path.join(rounds, `go-${round}`), '');
      const attempts = (await Promise.all(alive.map((c) => c.line(round + 1)))).map(
        (l) => JSON.parse(l!) as Attempt,
      );
      expect(attempts).toHaveLength(10 - round);
      expect(attempts.every((a) => a.round === round)).toBe(true);
      const winners = attempts.filter((a) => a.result === 'acquired');
      expect(winners).toHaveLength(1);
      expect(winners[0]!.recovered?.pid).toBe(previous);
      for (const loser of attempts.filter((a) => a.result === 'refused'))
        expect(loser.holder?.pid).toBe(winners[0]!.pid);
      writeFileSync(path.join(rounds, `release-${round}`), '');
      await contenders.find((c) => c.child.pid === winners[0]!.pid)!.exit;
      previous = winners[0]!.pid;
    }
    contenders.forEach((c) => c.child.kill('SIGKILL'));
    await Promise.all(contenders.map((c) => c.exit));
  }, 40_000);

  it('is not held by a live process whose pid a dead holder once had (pid reuse)', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'kpi-lock-')), 'kpi.duckdb');
    // A killed run's holder file naming a pid that is now another, live process: this one.
    writeFileSync(
      `${runLockPath(db)}.json`,
      JSON.stringify({ pid: process.pid, startedAt: '2022-11-03T02:00:00Z', command: 'run' }),
    );
    const lock = await acquireRunLock(db);
    expect(lock.recovered).toMatchObject({ pid: process.pid, command: 'run' });
    await expect(acquireRunLock(db)).rejects.toBeInstanceOf(RunLockedError);
    lock.release();
    (await acquireRunLock(db)).release();
  });

  it('makes `kpi run` refuse in one line, naming the holder, while another process holds it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-lock-'));
    const db = path.join(dir, 'kpi.duckdb');
    const holder = contender(db, dir);
    expect(await holder.line(0)).toBe('ready');
    writeFileSync(path.join(dir, 'go-0'), '');
    expect(JSON.parse((await holder.line(1))!)).toMatchObject({ result: 'acquired' });
    try {
      const run = await runKpi(['run', '--db', db], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^kpi: 未启动：另一个运行正在进行（pid ${holder.child.pid}`));
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exit;
    }
  });
});
