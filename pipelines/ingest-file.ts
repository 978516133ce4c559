/**
 * The ingest step for one file: hash (same content again → `unchanged`), read (sources), check
 * against last month's figures, load (warehouse, one transaction). Returns the file's outcome with
 * every finding rendered for people. `ingestFiles` runs the same steps (`readFile`,
 * `checkStagedFile`, `fileOutcome`) for `kpi run` and `kpi ingest`, loading fresh returns together.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import type { FileOutcome } from '../core/file-outcome.ts';
import { NO_COUNTS } from '../core/file-counts.ts';
import { finding } from '../core/finding.ts';
import type { Period } from '../core/period.ts';
import { rejectedCounts } from '../core/rejected-counts.ts';
import { reportFinding } from '../core/format-finding.ts';
import { checkDistrictReturn } from '../sources/district-return/check-district-return.ts';
import { hashFile } from '../sources/hash-file.ts';
import { namesAnExport, readSourceFile, workbookExportDefinition } from '../sources/read-source-file.ts';
import { sniffFileKind } from '../sources/sniff-file-kind.ts';
import { findLoadedFile } from '../warehouse/find-loaded-file.ts';
import { loadStagedFile, type LoadResult } from '../warehouse/load-staged-file.ts';
import { readPreviousYtd } from '../warehouse/read-previous-ytd.ts';
import type { StagedExport, StagedFile, StagedReturn } from '../warehouse/staged-file.ts';

/** What ingesting needs besides the file: the run it belongs to, the clock, the config and the catalogue. */
export interface IngestContext {
  readonly runId: string;
  readonly now: Date;
  readonly config: Pick<Config, 'salt_file' | 'db' | 'limits' | 'catalogue_dir' | 'target_files'>;
  readonly catalogue: Catalogue;
  /**
   * How workbooks are read: by this reader when given (`openReturnReader`: in a child process, where
   * a workbook that exhausts its memory, hangs or crashes it is rejected with the reason), else in
   * this process.
   */
  readonly readReturn?: (filePath: string, hash: string) => Promise<StagedFile>;
}

/** Validate and load one file; the outcome says loaded, unchanged, revised or rejected (with every reason). */
export async function ingestFile(
  connection: DuckDBConnection,
  filePath: string,
  context: IngestContext,
): Promise<FileOutcome> {
  const read = await readFile(connection, filePath, context);
  if (read.kind === 'unchanged') return read.outcome;
  const staged = await checkStagedFile(connection, read.staged, context.catalogue);
  return fileOutcome(staged, await loadStagedFile(connection, staged, context));
}

/** A file read: its outcome when the same content was loaded before, else the file staged. */
export type FileRead =
  | { readonly kind: 'unchanged'; readonly outcome: FileOutcome }
  | { readonly kind: 'staged'; readonly staged: StagedFile };

/**
 * Hash (`hash` when the caller has it), look the content up, read: the file staged with what
 * reading it found, before the checks against the warehouse's history (`checkStagedFile`).
 */
export async function readFile(
  connection: DuckDBConnection,
  filePath: string,
  context: IngestContext,
  hash?: string,
): Promise<FileRead> {
  if (hash === undefined) {
    try {
      hash = await hashFile(filePath);
    } catch (error) {
      return { kind: 'staged', staged: unreadable(filePath, error as Error) };
    }
  }
  const earlier = await findLoadedFile(connection, hash);
  if (earlier)
    return {
      kind: 'unchanged',
      outcome: {
        file: filePath,
        source: earlier.source,
        status: 'unchanged',
        region: earlier.region,
        period: earlier.period,
        errors: [],
        warnings: [],
        replaced: [],
        kept: [],
        notes: [],
        // Nothing was read this time: the same content was accounted for when it was first loaded.
        counts: NO_COUNTS,
      },
    };
  const readContext = {
    catalogue: context.catalogue,
    now: context.now,
    saltFile: context.config.salt_file,
    db: context.config.db,
    limits: context.config.limits,
  };
  const staged =
    context.readReturn && (await readsAsReturn(filePath, readContext))
      ? await context.readReturn(filePath, hash)
      : await readSourceFile(connection, filePath, hash, readContext);
  return { kind: 'staged', staged };
}

/**
 * Whether the file is read as a district return (so by the child reader where there is one), by
 * its bytes as `readSourceFile` decides: an old OLE workbook under any name, a zip workbook unless
 * its header is an export definition's (an .xlsx copy of a system export stays in this process),
 * and a file named as a workbook that is neither, so the return reader says why it cannot be read.
 */
async function readsAsReturn(
  filePath: string,
  context: Parameters<typeof workbookExportDefinition>[1],
): Promise<boolean> {
  let kind;
  try {
    kind = await sniffFileKind(filePath);
  } catch {
    return isWorkbook(filePath);
  }
  if (kind === 'ole' || kind === 'ods') return true;
  if (kind === 'zip') return (await workbookExportDefinition(filePath, context)) === null;
  // Text named as a workbook: an export when a definition takes its name (a CSV saved as .xls),
  // else the return reader says it cannot be read.
  return kind === 'text' && isWorkbook(filePath) && !namesAnExport(filePath, context.catalogue);
}

/** Workbooks other than .xlsx (.xls, WPS .et, .ods): district returns, converted by LibreOffice where it is installed. */
const OLD_WORKBOOK = new Set(['.xls', '.et', '.ods']);

/** Whether a file is a workbook, read as a district return (in the child reader where there is one). */
export function isWorkbook(filePath: string): boolean {
  const extension = path.extname(filePath).toLowerCase();
  return extension === '.xlsx' || OLD_WORKBOOK.has(extension);
}

/** A file that could not even be hashed: staged as unreadable, with the reason. */
function unreadable(filePath: string, error: Error): StagedFile {
  return {
    kind: 'unreadable',
    file: filePath,
    hash: `unreadable:${path.resolve(filePath)}`,
    sourceKind: isWorkbook(filePath) ? 'return' : 'export',
    sourceName: 'unknown',
    counts: NO_COUNTS,
    findings: [
      finding('unreadable_file', 'error', { reason: error.message }, { file: path.basename(filePath) }),
    ],
  };
}

/**
 * Add the checks against the warehouse's history (a return against last month's figures), and
 * refuse a file that would store nothing (SPEC §6: never `loaded` with no value stored).
 */
export async function checkStagedFile(
  connection: DuckDBConnection,
  staged: StagedFile,
  catalogue: Catalogue,
): Promise<StagedFile> {
  const checked = staged.kind === 'return' ? await checkReturn(connection, staged, catalogue) : staged;
  return refuseNothingStored(checked);
}

/**
 * A return with no value to store, or an export whose rows were all left out, is rejected with
 * `nothing_stored` (unless another error rejects it already), as is an export that covers no month;
 * an export whose every person was counted before stores its months' true 0 and says so (`nothing_new`).
 */
export function refuseNothingStored(staged: StagedFile): StagedFile {
  if (staged.kind === 'unreadable' || staged.findings.some((f) => f.severity === 'error')) return staged;
  const stored = staged.kind === 'return' ? staged.values.length : staged.counts.stored;
  if (stored > 0) return staged;
  // An export whose rows add nothing new (every person counted before) still gives the months it
  // covers their true 0: that is stored, and the outcome says why no row was.
  const months = staged.kind === 'export' ? coveredMonths(staged) : [];
  if (months.length > 0)
    return {
      ...staged,
      findings: [
        ...staged.findings,
        finding(
          'nothing_new',
          'info',
          { counts: staged.counts, from: months[0]!, to: months.at(-1)! },
          { file: path.basename(staged.file) },
        ),
      ],
    };
  return {
    ...staged,
    findings: [
      ...staged.findings,
      finding(
        'nothing_stored',
        'error',
        { source: staged.kind, counts: staged.counts },
        { file: path.basename(staged.file) },
        staged.kind === 'return'
          ? { regionCode: staged.region ?? undefined, period: staged.period ?? undefined }
          : {},
      ),
    ],
  };
}

/** The months an export's counts give a figure for (a district with no record counts 0), in order. */
function coveredMonths(staged: StagedExport): Period[] {
  const months = new Set(staged.yields.flatMap((y) => y.zeroFill?.months ?? []));
  return [...months].sort();
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

/** The outcome of a staged file once loaded, every finding rendered for people. */
export function fileOutcome(staged: StagedFile, loaded: LoadResult): FileOutcome {
  const reported = staged.findings.map(reportFinding);
  return {
    file: staged.file,
    source: staged.kind === 'unreadable' ? staged.sourceKind : staged.kind,
    status: loaded.status,
    region: staged.kind === 'return' ? staged.region : null,
    period: staged.kind === 'return' ? staged.period : staged.kind === 'export' ? loaded.period : null,
    errors: reported.filter((f) => f.severity === 'error'),
    warnings: reported.filter((f) => f.severity === 'warning'),
    replaced: loaded.replaced,
    kept: loaded.kept,
    notes: reported.filter((f) => f.severity === 'info'),
    counts: loaded.status === 'rejected' ? rejectedCounts(staged.counts) : staged.counts,
  };
}
