/**
 * `kpi run`: one full pass of the nightly pipeline. Inbox → ingest → check → publish → reports → archive.
 * The run builds in a working copy and publishes it atomically, so a run killed at any point leaves
 * the published warehouse as it was; inbox files leave the inbox only after the publish, and loading
 * is idempotent, so the next run completes the work.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { sweepPrivateTemp } from '../core/private-temp.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import type { FileOutcome } from '../sources/file-outcome.ts';
import { ingestFile } from '../sources/ingest-file.ts';
import { runChecks } from '../transforms/run-checks.ts';
import { toDuckTimestamp } from '../warehouse/duck-values.ts';
import { initWarehouse } from '../warehouse/init-warehouse.ts';
import { openWarehouse, withWarehouse } from '../warehouse/open-warehouse.ts';
import { localDate } from './choose-report-period.ts';
import type { Config } from './config.ts';
import { archiveFile, listInbox, rejectFile } from './inbox.ts';
import { prepareWorkingCopy, publishWarehouse } from './publish-warehouse.ts';
import { acquireRunLock } from './run-lock.ts';
import type { RunLog } from './run-log.ts';
import { withRetry } from './with-retry.ts';
import { writeReadyBulletin } from './write-ready-bulletin.ts';

/** The steps of a run, in order. */
export const PIPELINE_STEPS = ['ingest', 'check', 'publish', 'report', 'archive'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export interface RunOptions {
  readonly config: Config;
  readonly catalogue: Catalogue;
  readonly log: RunLog;
  /** The clock: received-at times, the run's timestamps and the bulletin deadline use it. */
  readonly now?: () => Date;
  /** Fault injection for tests: kill the process (SIGKILL) right after this step. */
  readonly crashAfterStep?: PipelineStep;
  /** Stop request (SIGTERM/SIGINT): the current step finishes, nothing more is published, the lock is released. */
  readonly signal?: AbortSignal;
}

/** The run stopped on request between two steps; the published warehouse and the inbox are as before. */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
}

export interface RunResult {
  readonly runId: string;
  readonly status: 'completed' | 'failed';
  readonly outcomes: readonly FileOutcome[];
  readonly reports: readonly string[];
  readonly error?: string;
}

/** Run the pipeline once. Throws `RunLockedError` when another run holds the lock. */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const lock = await acquireRunLock(config.db, now(), 'run');
  try {
    if (lock.recovered) log.emit({ event: 'lock_recovered', ...lock.recovered });
    const swept = sweepPrivateTemp(config.db);
    if (swept.length > 0)
      log.emit({ event: 'message', text: `removed what a killed run left: ${swept.join(', ')}` });
    return await runLocked(options, now);
  } finally {
    lock.release();
  }
}

async function runLocked(options: RunOptions, now: () => Date): Promise<RunResult> {
  const { config, catalogue, log } = options;
  const started = now();
  const runId = `run-${started.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(2).toString('hex')}`;
  const files = listInbox(config.inbox);
  log.emit({ event: 'run_started', runId, files: files.length });
  const crashPoint = (step: PipelineStep) => {
    if (options.crashAfterStep === step) process.kill(process.pid, 'SIGKILL');
  };
  const stopPoint = (next: PipelineStep) => {
    if (options.signal?.aborted)
      throw new RunStoppedError(
        `run ${runId} stopped on request before ${next}; the published warehouse is unchanged and the inbox kept`,
      );
  };

  if (files.length === 0 && (await ranToday(config, started))) {
    // Nothing arrived and today's checks and bulletin are already published: a rerun is a no-op.
    log.emit({ event: 'message', text: 'inbox empty and a run already completed today: nothing to do' });
    log.emit({ event: 'run_finished', runId, status: 'completed', ms: now().getTime() - started.getTime() });
    return { runId, status: 'completed', outcomes: [], reports: [] };
  }

  const work = prepareWorkingCopy(config.db);
  let outcomes: FileOutcome[] = [];
  let failure: Error | undefined;
  const warehouse = await withRetry(() => openWarehouse(work));
  try {
    const { connection } = warehouse;
    await initWarehouse(connection, catalogue);
    await connection.run(
      `INSERT INTO load_run (run_id, command, started_at, status, files_seen) VALUES ($1, 'run', $2, 'running', $3)`,
      [runId, toDuckTimestamp(started), files.length],
    );
    stopPoint('ingest');
    try {
      outcomes = await step(connection, runId, 'ingest', log, now, async () => {
        const progress = log.progress(files.length);
        const results: FileOutcome[] = [];
        for (const file of files) {
          const outcome = await withRetry(() =>
            ingestFile(connection, file, { runId, now: now(), config, catalogue }),
          );
          results.push(outcome);
          progress.tick();
          log.emit({
            event: 'file',
            file,
            status: outcome.status,
            errors: outcome.errors.length,
            warnings: outcome.warnings.length,
          });
        }
        progress.stop();
        return { result: results, items: results.length };
      });
    } catch (error) {
      failure = error as Error;
    }
    stopPoint('check');
    if (!failure) {
      try {
        // The SPEC §7 warnings over the whole warehouse; they become the current quality findings.
        await step(connection, runId, 'check', log, now, async () => {
          const results = await runChecks(connection, { runId, now: now(), config });
          const broken = results.filter((r) => r.status === 'error').map((r) => `${r.code}: ${r.error}`);
          return {
            result: results,
            items: results.reduce((n, r) => n + r.findings.length, 0),
            message: broken.length ? `checks that could not run: ${broken.join('; ')}` : undefined,
          };
        });
      } catch (error) {
        failure = error as Error;
      }
    }
    const loaded = outcomes.filter((o) => o.status === 'loaded' || o.status === 'revised').length;
    const rejected = outcomes.filter((o) => o.status === 'rejected').length;
    await connection.run(
      `UPDATE load_run SET finished_at = $1, status = $2, files_loaded = $3, files_rejected = $4, message = $5 WHERE run_id = $6`,
      [
        toDuckTimestamp(now()),
        failure ? 'failed' : 'completed',
        loaded,
        rejected,
        failure ? maskNationalIds(failure.message) : null,
        runId,
      ],
    );
    await connection.run('CHECKPOINT');
  } finally {
    warehouse.close();
  }
  crashPoint('ingest');
  stopPoint('publish');

  await timed(log, 'publish', now, async () => {
    await withRetry(async () => publishWarehouse(work, config.db));
    return 1;
  });
  crashPoint('publish');

  // After the publish, a failing step cannot be rolled back; it is recorded (published again, the
  // same way) so that `pipeline_run` says `failed`, and the run goes on with the next step.
  const lateFailures: Array<{ step: PipelineStep; message: string }> = [];
  let reports: string[] = [];
  if (!failure) {
    try {
      reports = await writeReports(options, now);
    } catch (error) {
      lateFailures.push({ step: 'report', message: maskNationalIds((error as Error).message) });
    }
  }
  crashPoint('report');

  await timed(log, 'archive', now, async () => {
    for (const outcome of outcomes) {
      if (!existsSync(outcome.file)) continue;
      try {
        if (outcome.status === 'rejected') rejectFile(outcome.file, outcome, config.rejected);
        else archiveFile(outcome.file, outcome, config.archive);
      } catch (error) {
        // The file stays in the inbox (it is unchanged next time); the other files are archived.
        lateFailures.push({ step: 'archive', message: maskNationalIds((error as Error).message) });
      }
    }
    return outcomes.length;
  });
  crashPoint('archive');

  if (lateFailures.length > 0) await recordLateFailures(config, runId, lateFailures, now);
  const status = failure || lateFailures.length > 0 ? 'failed' : 'completed';
  const error = failure
    ? maskNationalIds(failure.message)
    : lateFailures.map((f) => `${f.step}: ${f.message}`).join('; ') || undefined;
  log.emit({ event: 'run_finished', runId, status, ms: now().getTime() - started.getTime() });
  return { runId, status, outcomes, reports, error };
}

/**
 * Mark a published run `failed` with the steps that failed after its publish: a new working copy
 * of the published warehouse, updated and published atomically (never written in place).
 */
async function recordLateFailures(
  config: Config,
  runId: string,
  failures: ReadonlyArray<{ step: PipelineStep; message: string }>,
  now: () => Date,
): Promise<void> {
  const work = prepareWorkingCopy(config.db);
  const warehouse = await withRetry(() => openWarehouse(work));
  try {
    const at = toDuckTimestamp(now());
    for (const { step, message } of failures)
      await warehouse.connection.run(
        `INSERT INTO run_step (run_id, step, started_at, finished_at, status, items, message)
         VALUES ($1, $2, $3, $3, 'failed', 0, $4)`,
        [runId, step, at, message],
      );
    await warehouse.connection.run(`UPDATE load_run SET status = 'failed', message = $1 WHERE run_id = $2`, [
      failures.map((f) => `${f.step}: ${f.message}`).join('; '),
      runId,
    ]);
    await warehouse.connection.run('CHECKPOINT');
  } finally {
    warehouse.close();
  }
  await withRetry(async () => publishWarehouse(work, config.db));
}

/** Run one step inside the working copy, recording it in `run_step`. */
async function step<T>(
  connection: DuckDBConnection,
  runId: string,
  name: PipelineStep,
  log: RunLog,
  now: () => Date,
  work: () => Promise<{ result: T; items: number; message?: string }>,
): Promise<T> {
  const started = now();
  log.emit({ event: 'step_started', step: name });
  await connection.run(
    `INSERT INTO run_step (run_id, step, started_at, status) VALUES ($1, $2, $3, 'running')`,
    [runId, name, toDuckTimestamp(started)],
  );
  const finish = (status: 'completed' | 'failed', items: number, message: string | null) =>
    connection.run(
      `UPDATE run_step SET finished_at = $1, status = $2, items = $3, message = $4 WHERE run_id = $5 AND step = $6`,
      [toDuckTimestamp(now()), status, items, message, runId, name],
    );
  try {
    const { result, items, message } = await work();
    await finish('completed', items, message ?? null);
    log.emit({ event: 'step_finished', step: name, items, ms: now().getTime() - started.getTime(), message });
    return result;
  } catch (error) {
    await finish('failed', 0, maskNationalIds((error as Error).message));
    throw error;
  }
}

/** A step outside the warehouse (publish, archive): timed and logged. */
async function timed(
  log: RunLog,
  name: PipelineStep,
  now: () => Date,
  work: () => Promise<number>,
): Promise<void> {
  const started = now();
  log.emit({ event: 'step_started', step: name });
  const items = await work();
  log.emit({ event: 'step_finished', step: name, items, ms: now().getTime() - started.getTime() });
}

/** The report step: the bulletin of the month that is ready, from the published warehouse. */
async function writeReports(options: RunOptions, now: () => Date): Promise<string[]> {
  let written: string[] = [];
  await timed(options.log, 'report', now, async () => {
    written = await writeReadyBulletin({ config: options.config, log: options.log, now: now() });
    return written.length;
  });
  return written;
}

/** Whether a `kpi run` completed earlier on the same local day as `at` (its checks and bulletin are current). */
async function ranToday(config: Config, at: Date): Promise<boolean> {
  if (!existsSync(config.db)) return false;
  return withWarehouse(config.db, { readOnly: true }, async ({ connection }) => {
    const last = (
      await connection.runAndReadAll(
        `SELECT max(finished_at) AS finished FROM load_run WHERE command = 'run' AND status = 'completed'`,
      )
    ).getRowsJS()[0]?.[0];
    return last instanceof Date && localDate(last, config.timezone) === localDate(at, config.timezone);
  });
}
