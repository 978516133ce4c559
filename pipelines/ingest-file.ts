/**
 * The ingest step for one file: hash (same content again → `unchanged`), read (sources), check
 * against last month's figures, load (warehouse, one transaction). Returns the file's outcome with
 * every finding rendered for people. Used by `kpi run` and `kpi ingest` alike.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { siblingModule } from '../core/sibling-module.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import type { FileOutcome } from '../core/file-outcome.ts';
import { finding } from '../core/finding.ts';
import { reportFinding } from '../core/format-finding.ts';
import { checkDistrictReturn } from '../sources/district-return/check-district-return.ts';
import {
  fromPlainStagedReturn,
  type PlainStagedReturn,
} from '../sources/district-return/read-district-return-plain.ts';
import { DISTRICT_RETURN_SOURCE } from '../sources/district-return/read-district-return.ts';
import { hashFile } from '../sources/hash-file.ts';
import { readSourceFile } from '../sources/read-source-file.ts';
import { findLoadedFile } from '../warehouse/find-loaded-file.ts';
import { loadStagedFile, type LoadResult } from '../warehouse/load-staged-file.ts';
import { readPreviousYtd } from '../warehouse/read-previous-ytd.ts';
import type { ChildReader } from './open-child-reader.ts';
import type { StagedFile, StagedReturn } from '../warehouse/staged-file.ts';

/** What ingesting needs besides the file: the run it belongs to, the clock, the config and the catalogue. */
export interface IngestContext {
  readonly runId: string;
  readonly now: Date;
  readonly config: Pick<Config, 'salt_file' | 'db' | 'limits' | 'catalogue_dir' | 'target_files'>;
  readonly catalogue: Catalogue;
  /**
   * Where workbooks are read: in this child process when given (a workbook that exhausts the
   * child's memory, hangs or crashes it is rejected with the reason), else in this process.
   */
  readonly childReader?: ChildReader;
}

/** The module a child process runs to read a district return. */
const READ_DISTRICT_RETURN_PLAIN = siblingModule(
  '../sources/district-return/read-district-return-plain.ts',
  import.meta.url,
);

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
    return outcome(staged, await loadStagedFile(connection, staged, context));
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
      replaced: [],
      kept: [],
    };

  const read =
    context.childReader && path.extname(filePath).toLowerCase() === '.xlsx'
      ? await readReturnInChild(context.childReader, filePath, hash, context)
      : await readSourceFile(connection, filePath, hash, {
          catalogue: context.catalogue,
          now: context.now,
          saltFile: context.config.salt_file,
          db: context.config.db,
          limits: context.config.limits,
        });
  const staged = read.kind === 'return' ? await checkReturn(connection, read, context.catalogue) : read;
  return outcome(staged, await loadStagedFile(connection, staged, context));
}

/** Read a district return in the child process; a read that fails there stages the file unreadable. */
async function readReturnInChild(
  reader: ChildReader,
  filePath: string,
  hash: string,
  context: IngestContext,
): Promise<StagedFile> {
  const { config } = context;
  const read = await reader.read<PlainStagedReturn>({
    module: READ_DISTRICT_RETURN_PLAIN,
    exportName: 'readDistrictReturnPlain',
    args: [
      filePath,
      hash,
      {
        catalogue: { dir: config.catalogue_dir, extraTargetFiles: config.target_files },
        now: context.now,
        limits: config.limits,
      },
    ],
  });
  if (read.ok) return fromPlainStagedReturn(read.value);
  const reason = {
    out_of_memory: `读取时超出内存上限（${config.limits.read_memory_mb} MB），已隔离`,
    timeout: `读取超过${config.limits.read_timeout_s}秒未完成，已隔离`,
    crashed: '读取进程异常退出，已隔离',
    threw: '读取出错',
  }[read.reason];
  return {
    kind: 'unreadable',
    file: filePath,
    hash,
    sourceKind: 'return',
    sourceName: DISTRICT_RETURN_SOURCE,
    findings: [
      finding(
        'unreadable_file',
        'error',
        { reason: `${reason} (${read.reason}: ${read.message})` },
        { file: path.basename(filePath) },
      ),
    ],
  };
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

function outcome(staged: StagedFile, loaded: LoadResult): FileOutcome {
  const reported = staged.findings.map(reportFinding);
  return {
    file: staged.file,
    status: loaded.status,
    region: staged.kind === 'return' ? staged.region : null,
    period: staged.kind === 'return' ? staged.period : staged.kind === 'export' ? loaded.period : null,
    errors: reported.filter((f) => f.severity === 'error'),
    warnings: reported.filter((f) => f.severity === 'warning'),
    replaced: loaded.replaced,
    kept: loaded.kept,
  };
}
