/**
 * The ingest step over many files (`kpi run`'s inbox, `kpi ingest`'s arguments): each file read,
 * checked and loaded in its own transaction, in order, with progress and one log line per file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileOutcome } from '../core/file-outcome.ts';
import { ingestFile, type IngestContext } from './ingest-file.ts';
import { openChildReader } from './open-child-reader.ts';
import type { RunLog } from './run-log.ts';
import { withRetry } from './with-retry.ts';

/** Ingest `files` in order; one outcome per file. */
export async function ingestFiles(
  connection: DuckDBConnection,
  files: readonly string[],
  context: Omit<IngestContext, 'now'> & { readonly now: () => Date; readonly log: RunLog },
): Promise<FileOutcome[]> {
  const progress = context.log.progress(files.length);
  const outcomes: FileOutcome[] = [];
  // Workbooks are read in a child process with its own memory budget: one that exhausts it (or
  // hangs, or crashes its reader) is rejected with the reason, and the other files go on.
  const childReader = openChildReader({
    memoryMb: context.config.limits.read_memory_mb,
    timeoutMs: context.config.limits.read_timeout_s * 1000,
  });
  try {
    for (const file of files) {
      const outcome = await withRetry(() =>
        ingestFile(connection, file, { ...context, now: context.now(), childReader }),
      );
      outcomes.push(outcome);
      progress.tick();
      context.log.emit({
        event: 'file',
        file,
        status: outcome.status,
        errors: outcome.errors.length,
        warnings: outcome.warnings.length,
      });
    }
  } finally {
    childReader.close();
    progress.stop();
  }
  return outcomes;
}

/** How many outcomes were accepted (loaded or revised) and rejected. */
export function countOutcomes(outcomes: readonly FileOutcome[]): { loaded: number; rejected: number } {
  return {
    loaded: outcomes.filter((o) => o.status === 'loaded' || o.status === 'revised').length,
    rejected: outcomes.filter((o) => o.status === 'rejected').length,
  };
}
