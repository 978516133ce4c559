/**
 * Writes the monthly bulletin and its tables for one month (SPEC §9): Markdown, self-contained HTML
 * with SVG charts, and a formatted Excel workbook. Same warehouse state (or vintage) → same Markdown bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReportFormat } from '../core/output-formats.ts';
import type { Period } from '../core/period.ts';
import { buildBulletin } from './bulletin/build-bulletin.ts';
import { buildWorkbook } from './build-workbook.ts';
import { DEFAULT_PERCENT_PLACES, type PercentPlaces } from './format-number.ts';
import { loadReportData } from './load-report-data.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { withVintage } from './with-vintage.ts';

export interface WriteReportOptions {
  /** Report month. */
  readonly period: Period;
  readonly formats: readonly ReportFormat[];
  readonly outDir: string;
  /** Produce the report "as published" at this time: only values loaded by then, as they stood then. */
  readonly asOf?: Date;
  /** Config `deadline_day` (returns due on this day of the next month); default 5. */
  readonly deadlineDay?: number;
  /** Config `timezone`; default Asia/Shanghai. */
  readonly timezone?: string;
  /** Decimals of percentages in sentences and in tables; default 1 and 2. */
  readonly percentPlaces?: PercentPlaces;
}

/**
 * Write the bulletin for `options.period` in each requested format into `outDir`
 * (`bulletin-YYYY-MM.md|html|xlsx`); resolves to the paths written, in the order requested.
 */
export async function writeReport(
  connection: DuckDBConnection,
  options: WriteReportOptions,
): Promise<string[]> {
  const data = await withVintage(connection, options.asOf, () =>
    loadReportData(connection, {
      period: options.period,
      deadlineDay: options.deadlineDay,
      timezone: options.timezone,
    }),
  );
  const places = options.percentPlaces ?? DEFAULT_PERCENT_PLACES;
  const bulletin = buildBulletin(data, { percentPlaces: places });
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const format of [...new Set(options.formats)]) {
    const file = path.join(options.outDir, `bulletin-${options.period}.${format}`);
    switch (format) {
      case 'md':
        await writeFile(file, renderMarkdown(bulletin), 'utf8');
        break;
      case 'html':
        await writeFile(file, renderHtml(bulletin, data, places), 'utf8');
        break;
      case 'xlsx':
        await buildWorkbook(data, bulletin, places).xlsx.writeFile(file);
        break;
    }
    written.push(file);
  }
  return written;
}
