/**
 * The safety suite drives the product as users and the scheduler do: `kpi` as a real child process
 * (`runKpi`, `startKpi` for one to kill), or `main()` in this process when only the output matters.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../cli/main.ts';

export const KPI = path.resolve('cli/kpi.js');

export interface KpiResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `kpi args…` as a child process and wait for it. */
export function runKpi(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<KpiResult>((resolve) => {
    execFile(
      process.execPath,
      [KPI, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: unknown }).code as number) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

/** Start `kpi args…` as a child process without waiting (to kill it, or to race it). */
export function startKpi(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawn(process.execPath, [KPI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolve with the exit code (or the killing signal) of a started process. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code ?? 1)));
}

/** Run the CLI's `main()` in this process, capturing what it prints. */
export async function runKpiInProcess(args: readonly string[]): Promise<KpiResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(['node', 'kpi', ...args], {
    stdout: sink((s) => (stdout += s)) as unknown as typeof process.stdout,
    stderr: sink((s) => (stderr += s)) as unknown as typeof process.stderr,
  });
  return { code, stdout, stderr };
}
