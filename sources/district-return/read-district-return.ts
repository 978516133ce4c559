/**
 * Reads one district return (.xlsx) into a staged return: region, report month, values with their
 * cells, and the findings of parsing. A workbook beyond the configured limits is not parsed. Writes nothing; the checks that need last month's figures
 * (`checkDistrictReturn`) and the loading happen in the pipeline's next steps.
 */
import { readFile } from 'node:fs/promises';
import { Workbook } from '../../core/exceljs.ts';
import path from 'node:path';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { fileCounts, NO_COUNTS } from '../../core/file-counts.ts';
import { finding } from '../../core/finding.ts';
import type { StagedReturn } from '../../warehouse/staged-file.ts';
import { checkWorkbookLimits, type WorkbookLimits } from './check-workbook-limits.ts';
import { parseDistrictReturn } from './parse-district-return.ts';

/** Source name recorded in `source_file` for district returns. */
export const DISTRICT_RETURN_SOURCE = 'district_return';

/** Read the return at `filePath` (content hash `hash`); `now` bounds the report month. */
export async function readDistrictReturn(
  filePath: string,
  hash: string,
  context: { readonly catalogue: Catalogue; readonly now: Date; readonly limits: WorkbookLimits },
): Promise<StagedReturn> {
  const staged = {
    kind: 'return',
    file: filePath,
    hash,
    sourceName: DISTRICT_RETURN_SOURCE,
    counts: NO_COUNTS,
  } as const;
  const unreadable = (error: unknown): StagedReturn => ({
    ...staged,
    region: null,
    period: null,
    values: [],
    findings: [
      finding(
        'unreadable_file',
        'error',
        { reason: `不是可读取的Excel工作簿（.xlsx）：${(error as Error).message}` },
        { file: path.basename(filePath) },
      ),
    ],
  });
  // Measured before anything reads it whole: a hostile workbook never reaches exceljs.
  const beyondLimits = await checkWorkbookLimits(filePath, context.limits);
  if (beyondLimits.length > 0)
    return { ...staged, region: null, period: null, values: [], findings: beyondLimits };
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load((await readFile(filePath)) as unknown as ArrayBuffer);
  } catch (error) {
    return unreadable(error);
  }
  const parsed = parseDistrictReturn(workbook, filePath, context.catalogue, context.now);
  return {
    ...staged,
    region: parsed.region,
    period: parsed.period,
    values: parsed.values,
    findings: parsed.findings,
    // Until the parser accounts for every cell, only the values it staged are counted.
    counts: fileCounts(parsed.values.length, 0, {}),
  };
}
