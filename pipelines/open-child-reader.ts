/**
 * Isolation for reading untrusted files: readers (exported async functions of a module) run in a
 * child process with its own heap limit (`--max-old-space-size`) and a deadline per read. Whatever
 * a file does to its reader — throw, exhaust the memory, hang, crash — the caller gets a result it
 * can turn into a rejection with a reason, and its own process goes on. The child is kept warm for
 * the next read (starting one costs about a second) and replaced after it was lost.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { isCompiled, siblingModule } from '../core/sibling-module.ts';

/** Which reader to run: a module (path or file URL) and the name of an exported async function. */
export interface ChildReadTask {
  readonly module: string;
  readonly exportName: string;
  /** Arguments and result pass by structured clone (plain data, Date, Map, Buffer… — no classes). */
  readonly args: readonly unknown[];
}

/** The budget of the child and of each read. */
export interface ChildReadLimits {
  /** V8 old-space limit of the child, MB. */
  readonly memoryMb: number;
  /** Wall-clock deadline of one read, ms; the child is killed when it passes. */
  readonly timeoutMs: number;
}

/** How a read ended. */
export type ChildReadResult<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | {
      readonly ok: false;
      /** `threw`: the reader threw (the child lives on); the others: the child was lost. */
      readonly reason: 'threw' | 'out_of_memory' | 'timeout' | 'crashed';
      readonly message: string;
      readonly ms: number;
    };

/** A child process that runs reads one after another. */
export interface ChildReader {
  /** Run `task` in the child (queued behind earlier reads). Never rejects. */
  read<T>(task: ChildReadTask): Promise<ChildReadResult<T>>;
  /** End the child. */
  close(): void;
}

const ENTRY = siblingModule('./child-reader-entry.ts', import.meta.url);
// From source the child compiles TypeScript as the parent does; from dist/ it runs plain JavaScript.
const LOADER = isCompiled(import.meta.url) ? [] : ['--import', import.meta.resolve('tsx')];

interface Worker {
  readonly process: ChildProcess;
  /** Settles once the child can take a read (false: it ended before). */
  readonly ready: Promise<boolean>;
  /** The tail of its stderr: V8 reports a heap exhaustion there. */
  stderr: string;
}

/**
 * Start a child reader within `limits`.
 *
 * @example
 * const reader = openChildReader({ memoryMb: 512, timeoutMs: 120_000 });
 * try {
 *   const read = await reader.read<StagedReturn>({ module: READ_RETURN, exportName: 'readReturn', args: [file] });
 *   if (!read.ok) quarantine(file, `${read.reason}: ${read.message}`);
 * } finally {
 *   reader.close();
 * }
 */
export function openChildReader(limits: ChildReadLimits): ChildReader {
  let worker: Worker | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;

  const start = (): Worker => {
    const child = fork(ENTRY, [], {
      execArgv: [
        `--max-old-space-size=${limits.memoryMb}`,
        // Under a cap below about 2 GB, V8 starts the old space small and collects it every few
        // megabytes: reading a return took 14 ms instead of 7 (123 full collections for 144 returns).
        `--initial-old-space-size=${Math.min(128, Math.floor(limits.memoryMb / 2))}`,
        ...LOADER,
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const ready = new Promise<boolean>((resolve) => {
      child.once('message', () => resolve(true));
      child.once('exit', () => resolve(false));
    });
    const started: Worker = { process: child, ready, stderr: '' };
    child.stderr!.on('data', (chunk) => {
      started.stderr = (started.stderr + String(chunk)).slice(-8192);
    });
    child.on('exit', () => {
      if (worker === started) worker = null;
    });
    hold(child, false);
    return started;
  };

  const run = async <T>(task: ChildReadTask): Promise<ChildReadResult<T>> => {
    const current = (worker ??= start());
    const child = current.process;
    hold(child, true);
    // The deadline is the read's own: starting a child (about a second, more on a busy machine) is not counted.
    const began = performance.now();
    if (!(await current.ready))
      return {
        ok: false,
        reason: 'crashed',
        message: `the reader's process did not start: ${current.stderr.trim().split('\n').at(-1) ?? ''}`,
        ms: Math.round(performance.now() - began),
      };
    return new Promise((resolve) => {
      const id = nextId++;
      const readStarted = performance.now();
      const ms = () => Math.round(performance.now() - readStarted);
      let timedOut = false;
      const finish = (result: ChildReadResult<T>) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        hold(child, false);
        resolve(result);
      };
      const onMessage = (message: { id: number; ok: boolean; value?: T; message?: string }) => {
        if (message.id !== id) return;
        finish(
          message.ok
            ? { ok: true, value: message.value as T, ms: ms() }
            : { ok: false, reason: 'threw', message: message.message ?? 'unknown error', ms: ms() },
        );
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (timedOut)
          finish({
            ok: false,
            reason: 'timeout',
            message: `no result after ${limits.timeoutMs} ms`,
            ms: ms(),
          });
        else if (/heap out of memory|Reached heap limit|allocation failed/i.test(current.stderr))
          finish({
            ok: false,
            reason: 'out_of_memory',
            message: `the reader ran out of its ${limits.memoryMb} MB memory budget`,
            ms: ms(),
          });
        else
          finish({
            ok: false,
            reason: 'crashed',
            message: `the reader's process ended (${signal ?? `exit code ${code}`}) without a result`,
            ms: ms(),
          });
      };
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, limits.timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, module: task.module, exportName: task.exportName, args: task.args }, (error) => {
        // The child is already gone: its exit says why.
        if (error && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
    });
  };

  return {
    read<T>(task: ChildReadTask) {
      const result = queue.then(() => run<T>(task));
      queue = result;
      return result;
    },
    close() {
      worker?.process.kill('SIGKILL');
      worker = null;
    },
  };
}

/** An idle child does not keep the caller's process alive; a child running a read does. */
function hold(child: ChildProcess, busy: boolean): void {
  const handles = [child, child.channel, child.stderr as unknown as { ref(): void; unref(): void } | null];
  for (const handle of handles) {
    if (busy) handle?.ref();
    else handle?.unref();
  }
}
