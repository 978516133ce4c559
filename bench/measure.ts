/**
 * What every benchmark shares: how many runs to take (`KPI_BENCH_RUNS`, default 3), the median, a
 * timed child process, and the measure line that `bench/run.ts` collects into its summary table.
 * A benchmark prints its own tables as it likes and ends with one `writeMeasures` call.
 */
import { spawnSync } from 'node:child_process';

/** Runs per measure; each benchmark takes the median of this many. */
export const RUNS = Math.max(1, Number(process.env.KPI_BENCH_RUNS ?? 3));

/** The prefix of the line that carries a benchmark's measures as JSON. */
export const MEASURES_PREFIX = 'bench-measures ';

/** One figure of a benchmark, compared with its goal (a ceiling) when it has one. */
export interface Measure {
  /** What was measured, as the summary table names it. */
  readonly name: string;
  /** The median over the runs. */
  readonly value: number;
  readonly unit: 's' | 'MiB' | '×';
  /** The figure must stay at or below this. */
  readonly goal?: number;
  /** How it was measured, briefly (what the ratio is against, how many runs). */
  readonly how?: string;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Print the measures line for `bench/run.ts`. */
export function writeMeasures(measures: readonly Measure[]): void {
  process.stdout.write(`${MEASURES_PREFIX}${JSON.stringify(measures)}\n`);
}

/** Run a command to its end and return its wall time in seconds; throws when it fails. */
export function timeCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: options.cwd, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return seconds;
}
