/**
 * The one write path (SPEC §10): every command that writes the warehouse takes the run lock, works
 * in a copy, checkpoints it and publishes it atomically. Nothing writes the published file in
 * place, so a killed command leaves it as it was and no WAL beside it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import { createPrivateTempDir, removePrivateTempDir, sweepPrivateTemp } from '../core/private-temp.ts';
import { checkpointWarehouse } from '../warehouse/checkpoint-warehouse.ts';
import { initWarehouse, type InitResult } from '../warehouse/init-warehouse.ts';
import { openWarehouse } from '../warehouse/open-warehouse.ts';
import { assertDuckdbFile } from '../core/not-a-warehouse-error.ts';
import { prepareWarehouseSalt, type SaltState } from './prepare-warehouse-salt.ts';
import { discardWorkingCopy, prepareWorkingCopy, publishWarehouse } from './publish-warehouse.ts';
import { acquireRunLock } from './run-lock.ts';
import type { RunLog } from './run-log.ts';
import { withRetry } from './with-retry.ts';

/** What the work inside a write session sees: the working copy's connection and its initialisation. */
export interface WriteSession {
  readonly connection: DuckDBConnection;
  readonly init: InitResult;
  /** What became of the warehouse's salt, when the command named it (`salt`): see `SaltState`. */
  readonly salt?: SaltState;
}

export interface WriteWarehouseOptions {
  /** The published warehouse file. */
  readonly db: string;
  /** The command writing (`run`, `ingest`…), named to whoever finds the lock held. */
  readonly command?: string;
  readonly catalogue: Catalogue;
  readonly log: RunLog;
  readonly now: () => Date;
  /**
   * The salt for counting persons: prepared before `work` (created with a new warehouse, adopted
   * from the old working-directory default once, or reported missing). Commands that read exports name it.
   */
  readonly salt?: Pick<Config, 'salt_file' | 'legacy_salt_file'>;
  /** DuckDB's memory budget in MB (`limits.warehouse_memory_mb`); DuckDB's own default when absent. */
  readonly memoryMb?: number;
  /** Config `timezone`: the session's zone (the config's default when absent). */
  readonly timezone?: string;
  /**
   * Called after the working copy is closed and before it is published (a stop request or a
   * fault injection may throw or end the process here; the published file is untouched).
   */
  readonly beforePublish?: () => void;
  /** Called with the published file's replacement on disk, before the rename (fault injection). */
  readonly beforeRename?: () => void;
}

/**
 * Hold the run lock of warehouse `db` while `work` runs. Throws `RunLockedError` when another
 * command holds it. Holding it, first remove what a killed writer left in the private temp folder.
 */
export async function withRunLock<T>(
  options: Pick<WriteWarehouseOptions, 'db' | 'log' | 'now' | 'command'>,
  work: () => Promise<T>,
): Promise<T> {
  // The lock file lives beside the warehouse: its folder must exist before `kpi init` makes the file.
  mkdirSync(path.dirname(path.resolve(options.db)), { recursive: true });
  const lock = await acquireRunLock(options.db, options.now(), options.command);
  try {
    if (lock.recovered) options.log.emit({ event: 'lock_recovered', ...lock.recovered });
    const swept = sweepPrivateTemp(options.db);
    if (swept.length > 0)
      options.log.emit({ event: 'message', text: `removed what a killed command left: ${swept.join(', ')}` });
    return await work();
  } finally {
    lock.release();
  }
}

/**
 * Run `work` on a working copy of the warehouse, then publish it; the caller holds the run lock
 * (`withRunLock`). When `work` throws, nothing is published.
 */
export async function writeLocked<T>(
  options: WriteWarehouseOptions,
  work: (session: WriteSession) => Promise<T>,
): Promise<T> {
  // Said about the published file before a copy of it exists: never a garbage `.work` left, or named.
  if (existsSync(options.db)) assertDuckdbFile(options.db);
  const workPath = prepareWorkingCopy(options.db);
  // What DuckDB spills beyond its budget (staged exports: names and IDs) stays in the private folder.
  const spillDir = createPrivateTempDir(options.db, 'spill-');
  let result: T;
  try {
    const warehouse = await withRetry(() =>
      openWarehouse(workPath, {
        memory: { limitMb: options.memoryMb, spillDir },
        ...(options.timezone ? { timezone: options.timezone } : {}),
      }),
    );
    try {
      const init = await initWarehouse(warehouse.connection, options.catalogue);
      const salt =
        options.salt && (await prepareWarehouseSalt(warehouse.connection, options.salt, options.log));
      result = await work({ connection: warehouse.connection, init, ...(salt ? { salt } : {}) });
      await checkpointWarehouse(warehouse.connection);
    } finally {
      warehouse.close();
    }
  } catch (error) {
    // Nothing is published: the copy (the warehouse's data, 0644 like it) does not outlive the command.
    discardWorkingCopy(options.db);
    throw error;
  } finally {
    removePrivateTempDir(spillDir);
  }
  options.beforePublish?.();
  const started = options.now();
  options.log.emit({ event: 'step_started', step: 'publish' });
  await withRetry(async () => publishWarehouse(workPath, options.db, options.beforeRename));
  options.log.emit({
    event: 'step_finished',
    step: 'publish',
    items: 1,
    ms: options.now().getTime() - started.getTime(),
  });
  return result;
}

/**
 * Take the run lock, run `work` on a working copy and publish it: what `kpi ingest`, `kpi check` and
 * `kpi init` do. Throws `RunLockedError` when another command holds the lock.
 */
export async function writeWarehouse<T>(
  options: WriteWarehouseOptions,
  work: (session: WriteSession) => Promise<T>,
): Promise<T> {
  return withRunLock(options, () => writeLocked(options, work));
}
