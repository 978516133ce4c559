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
import type { Config } from '../core/config.ts';
import type { FileOutcome } from '../core/file-outcome.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import { runChecks } from '../transforms/run-checks.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';
import { readLastCompletedRun } from '../warehouse/read-last-completed-run.ts';
import {
  finishRunRecord,
  finishStepRecord,
  startRunRecord,
  startStepRecord,
} from '../warehouse/record-run.ts';
import { localDate } from './choose-report-period.ts';
import { archiveFile, listInbox, rejectFile } from './inbox.ts';
import { countOutcomes, ingestFiles } from './ingest-files.ts';
import type { RunLog } from './run-log.ts';
import { pruneArchivedExports } from './prune-archived-exports.ts';
import { writeReadyBulletin } from './write-ready-bulletin.ts';
import { withRunLock, writeLocked } from './write-warehouse.ts';

/** The steps of a run, in order. */
export const PIPELINE_STEPS = ['ingest', 'check', 'publish', 'report', 'archive'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/**
 * Where a test may kill a run (SIGKILL): right after a step, or in the middle of the publish
 * (`publish-rename`: the working copy flushed, not yet renamed over the published file).
 */
export const CRASH_POINTS = [...PIPELINE_STEPS, 'publish-rename'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface RunOptions {
  readonly config: Config;
  readonly catalogue: Catalogue;
  readonly log: RunLog;
  /** The clock: received-at times, the run's timestamps and the bulletin deadline use it. */
  readonly now?: () => Date;
  /** Fault injection for tests: kill the process (SIGKILL) at this point. */
  readonly crashAt?: CrashPoint;
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
  const now = options.now ?? (() => new Date());
  return withRunLock({ db: options.config.db, command: 'run', log: options.log, now }, () =>
    runLocked(options, now),
  );
}

async function runLocked(options: RunOptions, now: () => Date): Promise<RunResult> {
  const { config, catalogue, log } = options;
  const started = now();
  const runId = `run-${started.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(2).toString('hex')}`;
  const files = listInbox(config.inbox);
  const crashPoint = (point: CrashPoint) => {
    if (options.crashAt === point) process.kill(process.pid, 'SIGKILL');
  };
  const stopPoint = (next: PipelineStep) => {
    if (options.signal?.aborted)
      throw new RunStoppedError(
        `run ${runId} stopped on request before ${next}; the published warehouse is unchanged and the inbox kept`,
      );
  };

  if (files.length === 0 && (await ranToday(config, started))) {
    // Nothing arrived and today's checks and bulletin are already published: a rerun is a no-op.
    log.emit({ event: 'run_started', runId, files: 0 });
    log.emit({ event: 'message', text: 'inbox empty and a run already completed today: nothing to do' });
    log.emit({ event: 'run_finished', runId, status: 'completed', ms: now().getTime() - started.getTime() });
    return { runId, status: 'completed', outcomes: [], reports: [] };
  }

  const beforePublish = () => {
    crashPoint('ingest');
    stopPoint('publish');
  };
  let written: { outcomes: FileOutcome[]; failure: Error | undefined };
  try {
    written = await writeLocked(
      {
        db: config.db,
        catalogue,
        log,
        now,
        memoryMb: config.limits.warehouse_memory_mb,
        timezone: config.timezone,
        salt: config,
        beforePublish,
        beforeRename: () => crashPoint('publish-rename'),
      },
      async ({ connection }) => {
        log.emit({ event: 'run_started', runId, files: files.length });
        await startRunRecord(connection, {
          runId,
          command: 'run',
          startedAt: started,
          filesSeen: files.length,
        });
        let outcomes: FileOutcome[] = [];
        let failure: Error | undefined;
        stopPoint('ingest');
        try {
          outcomes = await step(connection, runId, 'ingest', log, now, async () => {
            const results = await ingestFiles(connection, files, { runId, now, config, catalogue, log });
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
        const counts = countOutcomes(outcomes);
        await finishRunRecord(connection, {
          runId,
          finishedAt: now(),
          status: failure ? 'failed' : 'completed',
          filesLoaded: counts.loaded,
          filesRejected: counts.rejected,
          message: failure ? maskNationalIds(failure.message) : null,
        });
        return { outcomes, failure };
      },
    );
  } catch (error) {
    if (error instanceof RunStoppedError) throw error;
    // The working copy could not be built or published (a full disk, a failing checkpoint): the run
    // is still recorded as failed, in a fresh copy, whenever the warehouse can be written at all.
    const message = maskNationalIds((error as Error).message.split('\n')[0]!);
    try {
      await writeLocked(
        { db: config.db, catalogue, log, now, memoryMb: config.limits.warehouse_memory_mb },
        async ({ connection }) => {
          await startRunRecord(connection, {
            runId,
            command: 'run',
            startedAt: started,
            filesSeen: files.length,
          });
          await finishRunRecord(connection, {
            runId,
            finishedAt: now(),
            status: 'failed',
            filesLoaded: 0,
            filesRejected: 0,
            message,
          });
        },
      );
    } catch {
      throw error;
    }
    log.emit({ event: 'run_finished', runId, status: 'failed', ms: now().getTime() - started.getTime() });
    return { runId, status: 'failed', outcomes: [], reports: [], error: message };
  }
  const { outcomes, failure } = written;
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
      // Refused because the machine's disk was full, not because of the file: the next run tries it again.
      if (outcome.errors.some((e) => e.code === 'unreadable_file' && 'retry' in e.params && e.params.retry))
        continue;
      try {
        if (outcome.status === 'rejected') rejectFile(outcome.file, outcome, config.rejected);
        else archiveFile(outcome.file, outcome, config.archive);
      } catch (error) {
        // The file stays in the inbox (it is unchanged next time); the other files are archived.
        lateFailures.push({ step: 'archive', message: maskNationalIds((error as Error).message) });
      }
    }
    try {
      await pruneArchivedExports({
        db: config.db,
        archive: config.archive,
        months: config.export_retention_months,
        now: now(),
        log,
      });
    } catch (error) {
      lateFailures.push({ step: 'archive', message: maskNationalIds((error as Error).message) });
    }
    return outcomes.length;
  });
  crashPoint('archive');

  if (lateFailures.length > 0) {
    const message = lateFailures.map((f) => `${f.step}: ${f.message}`).join('; ');
    const counts = countOutcomes(outcomes);
    const memoryMb = config.limits.warehouse_memory_mb;
    await writeLocked({ db: config.db, catalogue, log, now, memoryMb }, async ({ connection }) => {
      for (const { step, message } of lateFailures) {
        await startStepRecord(connection, { runId, step, startedAt: now() });
        await finishStepRecord(connection, {
          runId,
          step,
          finishedAt: now(),
          status: 'failed',
          items: 0,
          message,
        });
      }
      await finishRunRecord(connection, {
        runId,
        finishedAt: now(),
        status: 'failed',
        filesLoaded: counts.loaded,
        filesRejected: counts.rejected,
        message,
      });
    });
  }
  const status = failure || lateFailures.length > 0 ? 'failed' : 'completed';
  const error = failure
    ? maskNationalIds(failure.message)
    : lateFailures.map((f) => `${f.step}: ${f.message}`).join('; ') || undefined;
  log.emit({ event: 'run_finished', runId, status, ms: now().getTime() - started.getTime() });
  return { runId, status, outcomes, reports, error };
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
  await startStepRecord(connection, { runId, step: name, startedAt: started });
  const finish = (status: 'completed' | 'failed', items: number, message: string | null) =>
    finishStepRecord(connection, { runId, step: name, finishedAt: now(), status, items, message });
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

/** A step outside the warehouse (report, archive): timed and logged. */
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
  return withPublishedWarehouse(config.db, { timezone: config.timezone }, async (connection) => {
    const last = await readLastCompletedRun(connection, 'run');
    return last !== null && localDate(last, config.timezone) === localDate(at, config.timezone);
  });
}
