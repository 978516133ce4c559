/**
 * The `load_run` row of a command that writes the warehouse (`kpi run`, `kpi ingest`) and the
 * `run_step` rows of its steps: opened when they start, closed with status and counts.
 * `pipeline_run` shows the runs.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { toDuckTimestamp } from './duck-values.ts';

/** Record that run `runId` of `command` started, with the files it saw. */
export async function startRunRecord(
  connection: DuckDBConnection,
  run: {
    readonly runId: string;
    readonly command: string;
    readonly startedAt: Date;
    readonly filesSeen: number;
  },
): Promise<void> {
  await connection.run(
    `INSERT INTO load_run (run_id, command, started_at, status, files_seen) VALUES ($1, $2, $3, 'running', $4)`,
    [run.runId, run.command, toDuckTimestamp(run.startedAt), run.filesSeen],
  );
}

/** Record how run `runId` ended. */
export async function finishRunRecord(
  connection: DuckDBConnection,
  run: {
    readonly runId: string;
    readonly finishedAt: Date;
    readonly status: 'completed' | 'failed';
    readonly filesLoaded: number;
    readonly filesRejected: number;
    readonly message: string | null;
  },
): Promise<void> {
  await connection.run(
    `UPDATE load_run SET finished_at = $1, status = $2, files_loaded = $3, files_rejected = $4, message = $5 WHERE run_id = $6`,
    [toDuckTimestamp(run.finishedAt), run.status, run.filesLoaded, run.filesRejected, run.message, run.runId],
  );
}

/** Record that step `step` of run `runId` started. */
export async function startStepRecord(
  connection: DuckDBConnection,
  step: { readonly runId: string; readonly step: string; readonly startedAt: Date },
): Promise<void> {
  await connection.run(
    `INSERT INTO run_step (run_id, step, started_at, status) VALUES ($1, $2, $3, 'running')`,
    [step.runId, step.step, toDuckTimestamp(step.startedAt)],
  );
}

/** Record how step `step` of run `runId` ended, with the items it handled. */
export async function finishStepRecord(
  connection: DuckDBConnection,
  step: {
    readonly runId: string;
    readonly step: string;
    readonly finishedAt: Date;
    readonly status: 'completed' | 'failed';
    readonly items: number;
    readonly message: string | null;
  },
): Promise<void> {
  await connection.run(
    `UPDATE run_step SET finished_at = $1, status = $2, items = $3, message = $4 WHERE run_id = $5 AND step = $6`,
    [toDuckTimestamp(step.finishedAt), step.status, step.items, step.message, step.runId, step.step],
  );
}
