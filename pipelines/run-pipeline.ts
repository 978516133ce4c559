/**
 * One `kpi run`: inbox → ingest → checks → bulletin → archive, all on a working copy of the warehouse,
 * then an atomic publish and only then the inbox is emptied. A run killed anywhere leaves the published
 * warehouse as it was and the inbox intact; the next run redoes the work (ingest is idempotent by hash).
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FileOutcome } from '../sources/file-outcome.ts';
import { formatLocation } from '../sources/finding.ts';
import { ingestFile } from '../sources/ingest-file.ts';
import { toDuckTimestamp } from '../warehouse/duck-values.ts';
import { initWarehouse } from '../warehouse/init-warehouse.ts';
import { openWarehouse, type Warehouse } from '../warehouse/open-warehouse.ts';
import { chooseBulletinMonth } from './choose-bulletin-month.ts';
import type { Config } from './config.ts';
import { keepFile, keepText, sha256 } from './keep-file.ts';
import { runChecksStep, writeBulletinStep, type StepResult } from './optional-steps.ts';
import type { ProgressReporter } from './progress-reporter.ts';
import { prepareWorkingCopy, publishWarehouse } from './publish-warehouse.ts';
import { acquireRunLock } from './run-lock.ts';
import { withRetry } from './with-retry.ts';

/** The steps of a run, in order (names used in `run_step` and by `KPI_CRASH_AFTER_STEP`). */
export const RUN_STEPS = ['ingest', 'checks', 'report', 'archive', 'publish', 'clear_inbox'] as const;
export type RunStep = (typeof RUN_STEPS)[number];

export interface RunOptions {
  readonly config: Config;
  readonly catalogue: Catalogue;
  /** The clock (default: now). */
  readonly now?: () => Date;
  readonly reporter?: ProgressReporter;
  /** Test hook: SIGKILL this process right after the named step. */
  readonly crashAfterStep?: string;
  /** When aborted, the run stops after the current step (nothing is published). */
  readonly signal?: AbortSignal;
  /** Command recorded in `load_run` (default `run`). */
  readonly command?: string;
}

export interface RunSummary {
  readonly runId: string;
  readonly status: 'completed' | 'failed' | 'stopped';
  readonly outcomes: readonly FileOutcome[];
  readonly filesLoaded: number;
  readonly filesRejected: number;
  readonly filesUnchanged: number;
  readonly bulletin: { period: string | null; written: boolean; missing: readonly string[]; reason: string };
  readonly published: boolean;
  readonly message: string;
}

/** A run stopped on request (SIGTERM/SIGINT) between two steps. */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
}

/** Run the pipeline once under the run lock. Throws `RunLockedError` when another run holds it. */
export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const { config } = options;
  const clock = options.now ?? (() => new Date());
  const say = (message: string) => options.reporter?.report({ event: 'message', message });
  const lock = acquireRunLock(config.db, { now: clock(), onMessage: say });
  try {
    return await runLocked(options, clock);
  } finally {
    lock.release();
    options.reporter?.stop();
  }
}

async function runLocked(options: RunOptions, clock: () => Date): Promise<RunSummary> {
  const { config, catalogue, reporter } = options;
  const runId = `run-${clock().toISOString().replace(/[:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const files = await listInbox(config.inbox);
  const working = await prepareWorkingCopy(config.db);
  let warehouse: Warehouse | null = await withRetry(() => openWarehouse(working));
  const connection = warehouse.connection;
  await initWarehouse(connection, catalogue);
  await connection.run(
    `INSERT INTO load_run (run_id, command, started_at, status, files_seen) VALUES (?, ?, ?, 'running', ?)`,
    [runId, options.command ?? 'run', toDuckTimestamp(clock()), files.length],
  );
  const outcomes: FileOutcome[] = [];
  const kept: { source: string; hash: string }[] = [];
  let bulletin: RunSummary['bulletin'] = { period: null, written: false, missing: [], reason: 'not reached' };

  const step = async (
    name: RunStep,
    total: number,
    work: () => Promise<StepResult & { period?: string | null }>,
  ) => {
    if (options.signal?.aborted) throw new RunStoppedError(`stopped before ${name}`);
    const startedAt = clock();
    reporter?.report({ event: 'step_started', step: name, total });
    await connection.run(
      `INSERT INTO run_step (run_id, step, started_at, status) VALUES (?, ?, ?, 'running')`,
      [runId, name, toDuckTimestamp(startedAt)],
    );
    let result: StepResult & { period?: string | null };
    try {
      result = await work();
    } catch (error) {
      await finishStep(connection, runId, name, clock(), 'failed', 0, (error as Error).message, null);
      reporter?.report({
        event: 'step_finished',
        step: name,
        status: 'failed',
        message: (error as Error).message,
      });
      throw error;
    }
    await finishStep(
      connection,
      runId,
      name,
      clock(),
      result.status,
      result.items,
      result.message,
      result.period ?? null,
    );
    reporter?.report({
      event: 'step_finished',
      step: name,
      status: result.status,
      items: result.items,
      message: result.message,
    });
    // 'publish' is the moment after the atomic rename, below.
    if (options.crashAfterStep === name && name !== 'publish') process.kill(process.pid, 'SIGKILL');
  };

  try {
    await step('ingest', files.length, async () => {
      for (const file of files) {
        const outcome = await ingestFile(connection, file, { runId, now: clock(), config, catalogue });
        outcomes.push(outcome);
        reporter?.report({
          event: 'item',
          step: 'ingest',
          item: `${path.basename(file)}: ${outcome.status}`,
        });
      }
      const counts = countOutcomes(outcomes);
      return {
        status: 'completed',
        items: files.length,
        message: `${counts.loaded} loaded, ${counts.unchanged} unchanged, ${counts.rejected} rejected`,
      };
    });
    await step('checks', 1, () => runChecksStep(connection, { runId, now: clock(), config }));
    await step('report', 1, async () => {
      const decision = await chooseBulletinMonth(connection, catalogue, {
        now: clock(),
        deadlineDay: config.deadline_day,
        timezone: config.timezone,
      });
      bulletin = {
        period: decision.period,
        written: false,
        missing: decision.missing,
        reason: decision.reason,
      };
      if (!decision.due || !decision.period)
        return { status: 'skipped', items: 0, message: decision.reason, period: periodDate(decision.period) };
      const accepted = countOutcomes(outcomes);
      if (
        accepted.loaded === 0 &&
        (await bulletinWritten(connection, decision.period, decision.missing.length))
      )
        return {
          status: 'skipped',
          items: 0,
          message: `bulletin ${decision.period} is up to date`,
          period: periodDate(decision.period),
        };
      const result = await writeBulletinStep(connection, {
        period: decision.period,
        outDir: path.join(config.reports, decision.period),
      });
      bulletin = {
        ...bulletin,
        written: result.status === 'completed',
        reason: result.status === 'completed' ? decision.reason : result.message,
      };
      const note = decision.missing.length ? ` (missing: ${decision.missing.join('、')})` : '';
      return {
        ...result,
        message: result.message + note,
        period: periodDate(decision.period),
        items: result.status === 'completed' ? decision.missing.length + 1 : 0,
      };
    });
    await step('archive', outcomes.length, async () => {
      for (const outcome of outcomes) {
        const bytes = await readFile(outcome.file);
        const hash = sha256(bytes);
        await keepOutcome(outcome, hash, config);
        kept.push({ source: outcome.file, hash });
        reporter?.report({ event: 'item', step: 'archive', item: path.basename(outcome.file) });
      }
      return {
        status: 'completed',
        items: kept.length,
        message: `${kept.length} file(s) filed; removed from the inbox after publishing`,
      };
    });
    // The run is recorded as completed before the copy: the row becomes visible exactly when publishing succeeds.
    const counts = countOutcomes(outcomes);
    const message = `${counts.loaded} loaded, ${counts.unchanged} unchanged, ${counts.rejected} rejected; ${bulletin.reason}`;
    await step('publish', 1, async () => {
      await connection.run(
        `UPDATE load_run SET finished_at = ?, status = 'completed', files_loaded = ?, files_rejected = ?, message = ? WHERE run_id = ?`,
        [toDuckTimestamp(clock()), counts.loaded, counts.rejected, message, runId],
      );
      return { status: 'completed', items: 1, message: `published ${config.db}` };
    });
    await connection.run('CHECKPOINT');
    warehouse.close();
    warehouse = null;
    if (options.signal?.aborted) throw new RunStoppedError('stopped before publishing');
    await publishWarehouse(working, config.db);
    if (options.crashAfterStep === 'publish') process.kill(process.pid, 'SIGKILL');
    reporter?.report({ event: 'step_started', step: 'clear_inbox', total: kept.length });
    for (const file of kept) await unlinkIfSame(file.source, file.hash);
    reporter?.report({
      event: 'step_finished',
      step: 'clear_inbox',
      status: 'completed',
      items: kept.length,
    });
    return {
      runId,
      status: 'completed',
      outcomes,
      filesLoaded: counts.loaded,
      filesRejected: counts.rejected,
      filesUnchanged: counts.unchanged,
      bulletin,
      published: true,
      message,
    };
  } catch (error) {
    const stopped = error instanceof RunStoppedError;
    if (warehouse) {
      await warehouse.connection
        .run(`UPDATE load_run SET finished_at = ?, status = 'failed', message = ? WHERE run_id = ?`, [
          toDuckTimestamp(clock()),
          (error as Error).message,
          runId,
        ])
        .catch(() => undefined);
      warehouse.close();
      warehouse = null;
    }
    if (!stopped) throw error;
    const counts = countOutcomes(outcomes);
    return {
      runId,
      status: 'stopped',
      outcomes,
      filesLoaded: counts.loaded,
      filesRejected: counts.rejected,
      filesUnchanged: counts.unchanged,
      bulletin,
      published: false,
      message: `${(error as Error).message}; the published warehouse is unchanged and the inbox kept`,
    };
  } finally {
    warehouse?.close();
  }
}

/** Inbox files (recursively, hidden entries skipped), months in natural order. */
async function listInbox(inbox: string): Promise<string[]> {
  const collator = new Intl.Collator('zh', { numeric: true });
  const files: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    entries.sort((a, b) => collator.compare(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  await walk(inbox);
  return files;
}

/** File an outcome: accepted → archive/<YYYY-MM>/<hash12>_<name>; rejected → rejected/<name> + .errors.txt/.json. */
async function keepOutcome(outcome: FileOutcome, hash: string, config: Config): Promise<void> {
  const name = path.basename(outcome.file);
  if (outcome.status !== 'rejected') {
    await keepFile(
      outcome.file,
      path.join(config.archive, outcome.period ?? 'unknown-period'),
      `${hash.slice(0, 12)}_${name}`,
    );
    return;
  }
  const target = await keepFile(outcome.file, config.rejected, name);
  const lines = [
    `${name} was rejected (${outcome.errors.length} error(s), ${outcome.warnings.length} warning(s)).`,
    `Region: ${outcome.region ?? 'unknown'}   Month: ${outcome.period ?? 'unknown'}   SHA-256: ${hash}`,
    '',
    ...outcome.errors.map((f) => `ERROR   ${formatLocation(f.location)}: ${f.message}`),
    ...outcome.warnings.map((f) => `WARNING ${formatLocation(f.location)}: ${f.message}`),
    '',
    'Correct the file and put it in the inbox again.',
  ];
  await keepText(`${target}.errors.txt`, lines.join('\n') + '\n');
  await keepText(`${target}.errors.json`, JSON.stringify({ ...outcome, sha256: hash }, null, 2) + '\n');
}

/** Remove an inbox file after publishing, unless it was replaced meanwhile by different content. */
async function unlinkIfSame(file: string, hash: string): Promise<void> {
  const bytes = await readFile(file).catch(() => null);
  if (bytes && sha256(bytes) === hash) await withRetry(() => unlink(file));
}

async function finishStep(
  connection: DuckDBConnection,
  runId: string,
  step: string,
  at: Date,
  status: string,
  items: number,
  message: string,
  period: string | null,
): Promise<void> {
  await connection.run(
    `UPDATE run_step SET finished_at = ?, status = ?, items = ?, message = ?, period = CAST(? AS DATE)
     WHERE run_id = ? AND step = ?`,
    [toDuckTimestamp(at), status, items, message, period, runId, step],
  );
}

/** Whether a bulletin for `period` was already written with no more missing districts than now. */
async function bulletinWritten(
  connection: DuckDBConnection,
  period: string,
  missing: number,
): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM run_step
     WHERE step = 'report' AND status = 'completed' AND period = CAST(? AS DATE) AND items <= ?`,
    [`${period}-01`, missing + 1],
  );
  return Number(reader.getRowObjectsJS()[0]?.n ?? 0) > 0;
}

function periodDate(period: string | null): string | null {
  return period ? `${period}-01` : null;
}

function countOutcomes(outcomes: readonly FileOutcome[]) {
  return {
    loaded: outcomes.filter((o) => o.status === 'loaded' || o.status === 'revised').length,
    unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
    rejected: outcomes.filter((o) => o.status === 'rejected').length,
  };
}
