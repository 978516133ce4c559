/**
 * `kpi targets load`: target files (targets.json format) validated against the catalogue, then
 * stored through the one write path. Loaded targets stay until a newer load replaces them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { parseTargets } from '../catalogue/parse-targets.ts';
import type { CatalogueProblem } from '../catalogue/read-entries.ts';
import { inTransaction } from '../warehouse/open-warehouse.ts';
import { storeTargets, type StoreTargetsResult } from '../warehouse/store-targets.ts';
import type { RunLog } from './run-log.ts';
import { writeWarehouse } from './write-warehouse.ts';

/** Nothing was loaded: the files have these problems (every one of them). */
export class TargetFilesError extends Error {
  override name = 'TargetFilesError';
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(
      `nothing loaded: ${problems.length} problem(s)\n` +
        problems.map((p) => `  ${p.file} ${p.path.join('.')}: ${p.message}`).join('\n'),
    );
  }
}

/**
 * Load `files` into warehouse `db`: all or nothing. Throws `TargetFilesError` when a file is
 * unreadable or an entry invalid.
 *
 * @example
 * const { added, replaced } = await loadTargetFiles({ db, catalogue, files: ['province.json'], log, now: () => new Date() });
 */
export async function loadTargetFiles(options: {
  readonly db: string;
  readonly catalogue: Catalogue;
  readonly files: readonly string[];
  readonly log: RunLog;
  readonly now: () => Date;
}): Promise<StoreTargetsResult> {
  const problems: CatalogueProblem[] = [];
  const read = [];
  for (const file of options.files) {
    const name = path.resolve(file);
    try {
      read.push({ name, text: await readFile(file, 'utf8'), loaded: true });
    } catch (error) {
      problems.push({ code: 'invalid_json', file: name, path: [], message: (error as Error).message });
    }
  }
  const parsed = parseTargets(read, options.catalogue);
  problems.push(...parsed.problems);
  if (problems.length > 0) throw new TargetFilesError(problems);
  return writeWarehouse(options, ({ connection }) =>
    inTransaction(connection, () => storeTargets(connection, parsed.targets, options.now())),
  );
}
