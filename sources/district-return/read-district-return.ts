/**
 * Reads one district return into a staged return: region, report month, values with their cells,
 * the findings of parsing and the accounting of every value cell. The file's kind comes from its
 * bytes: a zip is read as .xlsx; an old workbook (.xls, WPS .et — an OLE file, whatever its name) is
 * converted by LibreOffice first. A workbook beyond the configured limits is not parsed. Writes
 * nothing; the checks that need last month's figures (`checkDistrictReturn`) and the loading happen
 * in the pipeline's next steps.
 */
import { readFile, stat } from 'node:fs/promises';
import { Workbook } from '../../core/exceljs.ts';
import path from 'node:path';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { NO_COUNTS } from '../../core/file-counts.ts';
import { finding, type Finding } from '../../core/finding.ts';
import type { StagedReturn } from '../../warehouse/staged-file.ts';
import { sniffFileKind } from '../sniff-file-kind.ts';
import { checkWorkbookLimits, type WorkbookLimits } from './check-workbook-limits.ts';
import { convertOldWorkbook } from './convert-old-workbook.ts';
import { parseDistrictReturn } from './parse-district-return.ts';
import { readCachedResults } from './read-cached-results.ts';

/** Source name recorded in `source_file` for district returns. */
export const DISTRICT_RETURN_SOURCE = 'district_return';

/** What reading a return needs besides the file. */
export interface ReturnReadContext {
  readonly catalogue: Catalogue;
  /** Bounds the report month (a month in the future is not a valid period). */
  readonly now: Date;
  /** Checked before parsing; `read_timeout_s` also bounds converting an old workbook. */
  readonly limits: WorkbookLimits & { readonly read_timeout_s?: number };
  /** The warehouse file: an old workbook is converted in its private temp folder. */
  readonly db: string;
  /** The LibreOffice program that converts old workbooks (default `soffice` on the PATH). */
  readonly soffice?: string;
}

/** Read the return at `filePath` (content hash `hash`). */
export async function readDistrictReturn(
  filePath: string,
  hash: string,
  context: ReturnReadContext,
): Promise<StagedReturn> {
  const staged = {
    kind: 'return',
    file: filePath,
    hash,
    sourceName: DISTRICT_RETURN_SOURCE,
    region: null,
    period: null,
    values: [],
    counts: NO_COUNTS,
  } as const;
  const refused = (findings: readonly Finding[]): StagedReturn => ({ ...staged, findings });
  const name = path.basename(filePath);
  try {
    const kind = await sniffFileKind(filePath);
    if (kind !== 'ole' && kind !== 'ods')
      return { ...staged, ...(await readWorkbook(filePath, filePath, context)) };
    // Measured before converting: an old workbook beyond the size limit never reaches LibreOffice.
    const { size } = await stat(filePath);
    if (size > context.limits.workbook_bytes)
      return refused([
        finding(
          'workbook_too_large',
          'error',
          { limit: 'workbook_bytes', value: size, max: context.limits.workbook_bytes },
          { file: name },
          { input: `workbook_bytes=${size}` },
        ),
      ]);
    // Within the read's own deadline, so LibreOffice is stopped before the reader is.
    const timeoutS = Math.max(1, Math.floor((context.limits.read_timeout_s ?? 120) * 0.75));
    const converted = await convertOldWorkbook(filePath, {
      db: context.db,
      timeoutMs: timeoutS * 1000,
      command: context.soffice,
    });
    if (!converted.ok) {
      if (converted.reason === 'not_installed')
        return refused([finding('old_workbook_format', 'error', {}, { file: name })]);
      const reason =
        converted.reason === 'timeout'
          ? `工作簿（.xls/.et/.ods）转换超过${timeoutS}秒未完成，请另存为.xlsx后重新报送`
          : '工作簿（.xls/.et/.ods）无法转换，请另存为.xlsx（Excel 2007及以上）后重新报送';
      return refused([finding('unreadable_file', 'error', { reason }, { file: name })]);
    }
    try {
      // The converted copy is measured like any .xlsx before it is parsed.
      return { ...staged, ...(await readWorkbook(converted.file, filePath, context)) };
    } finally {
      converted.cleanup();
    }
  } catch (error) {
    return refused([
      finding(
        'unreadable_file',
        'error',
        { reason: `不是可读取的Excel工作簿（.xlsx）：${(error as Error).message}` },
        { file: name },
      ),
    ]);
  }
}

/** What reading a workbook gives a staged return. */
type ReadWorkbook = Pick<StagedReturn, 'region' | 'period' | 'values' | 'findings' | 'counts'>;

/** Read the .xlsx at `workbookPath` as the return `filePath` (its name gives region and month). */
async function readWorkbook(
  workbookPath: string,
  filePath: string,
  context: ReturnReadContext,
): Promise<ReadWorkbook> {
  const name = path.basename(filePath);
  // Measured before anything reads it whole: a hostile workbook never reaches exceljs.
  const beyondLimits = await checkWorkbookLimits(workbookPath, context.limits);
  if (beyondLimits.length > 0)
    return {
      region: null,
      period: null,
      values: [],
      counts: NO_COUNTS,
      findings: beyondLimits.map((f) => ({ ...f, location: { ...f.location, file: name } })),
    };
  const bytes = await readFile(workbookPath);
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const parsed = parseDistrictReturn(
    workbook,
    filePath,
    context.catalogue,
    context.now,
    readCachedResults(workbook, bytes),
  );
  return {
    region: parsed.region,
    period: parsed.period,
    values: parsed.values,
    findings: parsed.findings,
    counts: parsed.counts,
  };
}
