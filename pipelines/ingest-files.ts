/**
 * The ingest step over many files (`kpi run`'s inbox, `kpi ingest`'s arguments): each file read,
 * checked and loaded, with progress and one log line per file in the order given. System exports go
 * first while the child process that reads workbooks starts, then the returns, each kind in the
 * order given. A file is loaded in its own transaction, except fresh district returns, which load
 * together (`FreshReturnBatch`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileOutcome } from '../core/file-outcome.ts';
import { hashFile } from '../sources/hash-file.ts';
import { loadStagedFile } from '../warehouse/load-staged-file.ts';
import { openFreshReturnBatch } from './fresh-return-batch.ts';
import { checkStagedFile, fileOutcome, isWorkbook, readFile, type IngestContext } from './ingest-file.ts';
import { openReturnReader } from './return-reader.ts';
import type { RunLog } from './run-log.ts';
import { withRetry } from './with-retry.ts';

/** Workbooks read ahead of the one being loaded. */
const READ_AHEAD = 4;

/** Ingest `files` in order; one outcome per file. */
export async function ingestFiles(
  connection: DuckDBConnection,
  files: readonly string[],
  context: Omit<IngestContext, 'now'> & { readonly now: () => Date; readonly log: RunLog },
): Promise<FileOutcome[]> {
  const progress = context.log.progress(files.length);
  const outcomes: Array<FileOutcome | undefined> = [];
  let logged = 0;
  // Outcomes are logged in file order, a held return's once its batch is loaded.
  const settle = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    for (let o = outcomes[logged]; o !== undefined; o = outcomes[++logged]) {
      progress.tick();
      context.log.emit({
        event: 'file',
        file: o.file,
        status: o.status,
        errors: o.errors.length,
        warnings: o.warnings.length,
        counts: o.counts,
      });
    }
  };
  const batch = await openFreshReturnBatch(connection, context);
  // Workbooks are read in a child process with its own memory budget: one that exhausts it (or
  // hangs, or crashes its reader) is rejected with the reason, and the other files go on. The child
  // reads a few workbooks ahead of the one being loaded.
  const returns = openReturnReader(context.config, context.now);
  const hashes = new Map<number, Promise<string | undefined>>();
  const hashOf = (index: number) => {
    let hash = hashes.get(index);
    if (!hash) hashes.set(index, (hash = hashFile(files[index]!).catch(() => undefined)));
    return hash;
  };
  const indices = [...files.keys()];
  const workbooks = indices.filter((i) => isWorkbook(files[i]!));
  const order = [...indices.filter((i) => !isWorkbook(files[i]!)), ...workbooks];
  let aheadFrom = 0;
  /** Start reading the next workbooks, `done` of them being loaded already. */
  const readAhead = (done: number) => {
    for (; aheadFrom < Math.min(workbooks.length, done + READ_AHEAD); aheadFrom++) {
      const k = workbooks[aheadFrom]!;
      void hashOf(k).then((hash) => hash !== undefined && returns.readAhead(files[k]!, hash));
    }
  };
  const flush = async () => {
    for (const [index, outcome] of await batch.flush()) settle(index, outcome);
  };
  try {
    for (const [position, index] of order.entries()) {
      const file = files[index]!;
      const outcome = await withRetry(async () => {
        readAhead(Math.max(0, position - (order.length - workbooks.length)));
        const fileContext = { ...context, now: context.now(), readReturn: returns.read };
        const hash = await hashOf(index);
        if (hash !== undefined && batch.holdsHash(hash)) await flush();
        const read = await readFile(connection, file, fileContext, hash);
        if (read.kind === 'unchanged') return read.outcome;
        const { staged } = read;
        if (staged.kind === 'return' && staged.region && batch.holdsRegion(staged.region)) await flush();
        const checked = await checkStagedFile(connection, staged, context.catalogue);
        if (batch.hold(checked, index)) return null;
        await flush();
        const loaded = await loadStagedFile(connection, checked, fileContext);
        batch.noteLoaded(checked, loaded);
        return fileOutcome(checked, loaded);
      });
      if (outcome) settle(index, outcome);
    }
    await withRetry(flush);
  } finally {
    returns.close();
    progress.stop();
  }
  return outcomes as FileOutcome[];
}

/** How many outcomes were accepted (loaded or revised) and rejected. */
export function countOutcomes(outcomes: readonly FileOutcome[]): { loaded: number; rejected: number } {
  return {
    loaded: outcomes.filter((o) => o.status === 'loaded' || o.status === 'revised').length,
    rejected: outcomes.filter((o) => o.status === 'rejected').length,
  };
}
