/**
 * The ingest step for one file: hash (same content again → `unchanged`), read (sources), check
 * against last month's figures, load (warehouse, one transaction). Returns the file's outcome with
 * every finding rendered for people. Used by `kpi run` and `kpi ingest` alike.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import type { FileOutcome } from '../core/file-outcome.ts';
import { finding } from '../core/finding.ts';
import { reportFinding } from '../core/format-finding.ts';
import { checkDistrictReturn } from '../sources/district-return/check-district-return.ts';
import { hashFile } from '../sources/hash-file.ts';
import { readSourceFile } from '../sources/read-source-file.ts';
import { findLoadedFile } from '../warehouse/find-loaded-file.ts';
import { loadStagedFile } from '../warehouse/load-staged-file.ts';
import { readPreviousYtd } from '../warehouse/read-previous-ytd.ts';
import type { StagedFile, StagedReturn } from '../warehouse/staged-file.ts';

/** What ingesting needs besides the file: the run it belongs to, the clock, the salt file and the catalogue. */
export interface IngestContext {
  readonly runId: string;
  readonly now: Date;
  readonly config: Pick<Config, 'salt_file'>;
  readonly catalogue: Catalogue;
}

/** Validate and load one file; the outcome says loaded, unchanged, revised or rejected (with every reason). */
export async function ingestFile(
  connection: DuckDBConnection,
  filePath: string,
  context: IngestContext,
): Promise<FileOutcome> {
  let hash: string;
  try {
    hash = await hashFile(filePath);
  } catch (error) {
    const staged: StagedFile = {
      kind: 'unreadable',
      file: filePath,
      hash: `unreadable:${path.resolve(filePath)}`,
      sourceKind: path.extname(filePath).toLowerCase() === '.xlsx' ? 'return' : 'export',
      sourceName: 'unknown',
      findings: [
        finding(
          'unreadable_file',
          'error',
          { reason: (error as Error).message },
          { file: path.basename(filePath) },
        ),
      ],
    };
    return outcome(staged, (await loadStagedFile(connection, staged, context)).status, null);
  }
  const earlier = await findLoadedFile(connection, hash);
  if (earlier)
    return {
      file: filePath,
      status: 'unchanged',
      region: earlier.region,
      period: earlier.period,
      errors: [],
      warnings: [],
    };

  const read = await readSourceFile(connection, filePath, hash, {
    catalogue: context.catalogue,
    now: context.now,
    saltFile: context.config.salt_file,
  });
  const staged = read.kind === 'return' ? await checkReturn(connection, read, context.catalogue) : read;
  const loaded = await loadStagedFile(connection, staged, context);
  return outcome(staged, loaded.status, loaded.period);
}

/** Add the checks that compare a return with last month's figures in the warehouse. */
async function checkReturn(
  connection: DuckDBConnection,
  staged: StagedReturn,
  catalogue: Catalogue,
): Promise<StagedReturn> {
  const { region, period } = staged;
  if (!region || !period) return staged;
  const flows = new Set(catalogue.indicators.filter((i) => i.kind === 'flow').map((i) => i.code));
  const reported = new Set(
    staged.values
      .filter((v) => v.measure === 'ytd' && v.period === period && flows.has(v.indicatorCode))
      .map((v) => v.indicatorCode),
  );
  const previous = await readPreviousYtd(connection, region, period, reported);
  return { ...staged, findings: [...staged.findings, ...checkDistrictReturn(staged, catalogue, previous)] };
}

function outcome(
  staged: StagedFile,
  status: FileOutcome['status'],
  period: FileOutcome['period'],
): FileOutcome {
  const reported = staged.findings.map(reportFinding);
  return {
    file: staged.file,
    status,
    region: staged.kind === 'return' ? staged.region : null,
    period: staged.kind === 'return' ? staged.period : period,
    errors: reported.filter((f) => f.severity === 'error'),
    warnings: reported.filter((f) => f.severity === 'warning'),
  };
}
