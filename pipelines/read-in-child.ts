/**
 * Isolation for reading untrusted files: a reader (an exported async function of a module) runs in
 * a child process with its own heap limit (`--max-old-space-size`) and a deadline. Whatever the
 * file does to the reader — throw, exhaust its memory, hang, crash — the caller gets a result it
 * can turn into a rejection with a reason, and its own process goes on.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Which reader to run: a module (path or file URL) and the name of an exported async function. */
export interface ChildReader {
  readonly module: string;
  readonly exportName: string;
  /** Arguments, passed by structured clone (no functions, no class instances beyond Date, Map…). */
  readonly args: readonly unknown[];
}

/** The budget of one read. */
export interface ChildReadLimits {
  /** V8 old-space limit of the child, MB. */
  readonly memoryMb: number;
  /** Wall-clock deadline, ms; the child is killed when it passes. */
  readonly timeoutMs: number;
}

/** How a read ended. */
export type ChildReadResult<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | {
      readonly ok: false;
      /** `threw`: the reader threw; the others: the child was lost. */
      readonly reason: 'threw' | 'out_of_memory' | 'timeout' | 'crashed';
      readonly message: string;
      readonly ms: number;
    };

const ENTRY = fileURLToPath(new URL('./read-in-child-entry.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/**
 * Run `reader` in a child process within `limits`. Never throws for what the reader or its file
 * does; the child is always gone when the promise settles.
 *
 * @example
 * const read = await readInChild<ParsedReturn>(
 *   { module: new URL('../sources/district-return/read-return.ts', import.meta.url).href, exportName: 'readReturn', args: [file] },
 *   { memoryMb: 512, timeoutMs: 120_000 },
 * );
 * if (!read.ok) reject(file, `${read.reason}: ${read.message}`);
 */
export function readInChild<T>(reader: ChildReader, limits: ChildReadLimits): Promise<ChildReadResult<T>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const child = fork(ENTRY, [], {
      execArgv: [`--max-old-space-size=${limits.memoryMb}`, '--import', TSX],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let answer: ChildReadResult<T> | undefined;
    let timedOut = false;
    child.stderr!.on('data', (chunk) => {
      // Only the tail matters (V8's fatal error); keep it bounded whatever the reader prints.
      stderr = (stderr + String(chunk)).slice(-8192);
    });
    child.on('message', (message: { ok: boolean; value?: T; message?: string }) => {
      answer = message.ok
        ? { ok: true, value: message.value as T, ms: ms() }
        : { ok: false, reason: 'threw', message: message.message ?? 'unknown error', ms: ms() };
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.on('error', (error) => {
      answer ??= { ok: false, reason: 'crashed', message: error.message, ms: ms() };
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (answer) return resolve(answer);
      if (timedOut)
        return resolve({
          ok: false,
          reason: 'timeout',
          message: `no result after ${limits.timeoutMs} ms`,
          ms: ms(),
        });
      if (/heap out of memory|Reached heap limit|allocation failed/i.test(stderr))
        return resolve({
          ok: false,
          reason: 'out_of_memory',
          message: `the reader ran out of its ${limits.memoryMb} MB memory budget`,
          ms: ms(),
        });
      resolve({
        ok: false,
        reason: 'crashed',
        message: `the reader's process ended (${signal ?? `exit code ${code}`}) without a result`,
        ms: ms(),
      });
    });
    child.send({ module: reader.module, exportName: reader.exportName, args: reader.args });
  });
}
