/**
 * District returns held back to load together: a month's returns from ten districts are ten fresh
 * files that touch nothing of each other, and loading them in one transaction (`loadFreshReturns`)
 * takes a handful of statements where one transaction each takes about ten per file. What is held
 * never changes what the run reads: the caller flushes before looking up content it holds, before
 * checking a return of a region it holds, and before loading any file alone.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileOutcome } from '../core/file-outcome.ts';
import {
  loadFreshReturns,
  loadStagedFile,
  type LoadContext,
  type LoadResult,
} from '../warehouse/load-staged-file.ts';
import { readCurrentReturnPairs } from '../warehouse/read-current-return-pairs.ts';
import type { StagedFile, StagedReturn } from '../warehouse/staged-file.ts';
import { fileOutcome } from './ingest-file.ts';
import { isTransient } from './with-retry.ts';

/** The held returns of a run's ingest. */
export interface FreshReturnBatch {
  /** Whether a held file has this content hash. */
  holdsHash(hash: string): boolean;
  /** Whether a held return is of this region. */
  holdsRegion(region: string): boolean;
  /**
   * Hold `staged` (the run's file number `index`) when it can load with the others: a return
   * without errors, for a region and month with no current return, repeating no held figure.
   */
  hold(staged: StagedFile, index: number): boolean;
  /** A file loaded alone: a return's region and month now has a current return. */
  noteLoaded(staged: StagedFile, loaded: LoadResult): void;
  /** Load the held returns; their outcomes with their file numbers. */
  flush(): Promise<Array<readonly [number, FileOutcome]>>;
}

/** An empty batch over the warehouse of `connection`. */
export async function openFreshReturnBatch(
  connection: DuckDBConnection,
  run: { readonly runId: string; readonly now: () => Date },
): Promise<FreshReturnBatch> {
  const current = await readCurrentReturnPairs(connection);
  let held: Array<{ staged: StagedReturn; index: number }> = [];
  const heldKeys = new Set<string>();
  const pairOf = (staged: StagedReturn) => `${staged.region}|${staged.period}`;
  const keysOf = (staged: StagedReturn) =>
    staged.values.map((v) => `${v.indicatorCode}|${v.period}|${v.measure}|${staged.region}`);

  return {
    holdsHash: (hash) => held.some((h) => h.staged.hash === hash),
    holdsRegion: (region) => held.some((h) => h.staged.region === region),
    hold(staged, index) {
      if (staged.kind !== 'return' || !staged.region || !staged.period) return false;
      if (staged.findings.some((f) => f.severity === 'error')) return false;
      if (current.has(pairOf(staged)) || held.some((h) => pairOf(h.staged) === pairOf(staged))) return false;
      const keys = keysOf(staged);
      if (keys.some((k) => heldKeys.has(k))) return false;
      held.push({ staged, index });
      for (const k of keys) heldKeys.add(k);
      return true;
    },
    noteLoaded(staged, loaded) {
      if (staged.kind === 'return' && staged.region && staged.period && loaded.status !== 'rejected')
        current.add(pairOf(staged));
    },
    async flush() {
      const batch = held;
      if (batch.length === 0) return [];
      const outcome = (staged: StagedReturn): LoadResult => ({
        status: 'loaded',
        period: staged.period,
        replaced: [],
        kept: [],
      });
      const outcomes: Array<readonly [number, FileOutcome]> = [];
      const context: LoadContext = { runId: run.runId, now: run.now() };
      try {
        await loadFreshReturns(
          connection,
          batch.map((h) => h.staged),
          context,
        );
        for (const { staged, index } of batch) outcomes.push([index, fileOutcome(staged, outcome(staged))]);
      } catch (error) {
        if (isTransient(error)) throw error;
        // Rolled back whole: each file on its own, so one that cannot load fails alone (and one
        // loaded is no longer held if another fails).
        while (held.length > 0) {
          const { staged, index } = held[0]!;
          outcomes.push([index, fileOutcome(staged, await loadStagedFile(connection, staged, context))]);
          current.add(pairOf(staged));
          held = held.slice(1);
        }
      }
      for (const { staged } of batch) current.add(pairOf(staged));
      held = [];
      heldKeys.clear();
      return outcomes;
    },
  };
}
