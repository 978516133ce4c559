/**
 * The bulletin's output formats. Kept apart from `write-report.ts` so that the CLI can validate
 * `--format` without loading the renderers (exceljs among them).
 */

/** A bulletin output format: Markdown, self-contained HTML, or an Excel workbook. */
export type ReportFormat = 'md' | 'html' | 'xlsx';

/** Every bulletin format, in the order they are written. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'xlsx'];
