/**
 * Which warehouse version the board shows: the latest `pipeline_run` of the published file (run id,
 * when it finished, its status). Read on every page so the header never shows a stale version.
 */
import type { RowReader } from './row-reader.ts';

/** The latest run recorded in the published warehouse. */
export interface WarehouseVersion {
  readonly runId: string;
  readonly command: string;
  /** `YYYY-MM-DD HH:MM`, in the configured time zone; null while running or if the run died. */
  readonly finishedAt: string | null;
  readonly startedAt: string;
  /** running · completed · failed. */
  readonly status: string;
}

/** The latest run, or null for a warehouse no run has written yet. */
export async function readWarehouseVersion(reader: RowReader): Promise<WarehouseVersion | null> {
  const [row] = await reader.rows<{
    run_id: string;
    command: string;
    started_at: string;
    finished_at: string | null;
    status: string;
  }>(
    `SELECT run_id, command, strftime(started_at, '%Y-%m-%d %H:%M') AS started_at,
       strftime(finished_at, '%Y-%m-%d %H:%M') AS finished_at, status
     FROM pipeline_run ORDER BY started_at DESC, run_id DESC LIMIT 1`,
  );
  return row
    ? {
        runId: row.run_id,
        command: row.command,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        status: row.status,
      }
    : null;
}
