/**
 * `kpi ingest`: load named files and folders through the same write path as the nightly run (run
 * lock, working copy, atomic publish), recorded as one `load_run` of command `ingest`.
 */
import { randomUUID } from 'node:crypto';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import type { FileOutcome } from '../core/file-outcome.ts';
import { finishRunRecord, startRunRecord } from '../warehouse/record-run.ts';
import { countOutcomes, ingestFiles } from './ingest-files.ts';
import { createMemoryLog, type RunLog } from './run-log.ts';
import { writeWarehouse } from './write-warehouse.ts';

/** Ingest `files` (already expanded, in order) and publish; one outcome per file. */
export async function ingestPaths(options: {
  readonly files: readonly string[];
  readonly config: Pick<
    Config,
    'db' | 'timezone' | 'salt_file' | 'legacy_salt_file' | 'limits' | 'catalogue_dir' | 'target_files'
  >;
  readonly catalogue: Catalogue;
  readonly log?: RunLog;
  readonly now?: () => Date;
}): Promise<FileOutcome[]> {
  const { files, config, catalogue } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? createMemoryLog();
  const memoryMb = config.limits.warehouse_memory_mb;
  return writeWarehouse(
    {
      db: config.db,
      timezone: config.timezone,
      command: 'ingest',
      catalogue,
      log,
      now,
      memoryMb,
      salt: config,
    },
    async ({ connection }) => {
      const runId = `ingest-${randomUUID()}`;
      await startRunRecord(connection, {
        runId,
        command: 'ingest',
        startedAt: now(),
        filesSeen: files.length,
      });
      let outcomes: FileOutcome[] = [];
      try {
        outcomes = await ingestFiles(connection, files, { runId, now, config, catalogue, log });
      } finally {
        const counts = countOutcomes(outcomes);
        await finishRunRecord(connection, {
          runId,
          finishedAt: now(),
          status: outcomes.length === files.length ? 'completed' : 'failed',
          filesLoaded: counts.loaded,
          filesRejected: counts.rejected,
          message: `${outcomes.length} of ${files.length} files processed`,
        });
      }
      return outcomes;
    },
  );
}
