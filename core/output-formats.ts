/**
 * The file formats the product writes, as users name them on the command line: the bulletin's
 * formats, the 审核 report's and the time-series export's.
 */

/** Bulletin formats (`kpi report --format`): `png` writes one image per chart. */
export const REPORT_FORMATS = ['md', 'html', 'xlsx', 'docx', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats `kpi report` writes when none are named. */
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'xlsx', 'docx'];

/** Report kinds (`kpi report --kind`): the monthly bulletin, or the month's 审核 report. */
export const REPORT_KINDS = ['bulletin', 'audit'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Formats of the 审核 report. */
export const AUDIT_FORMATS = ['md', 'xlsx'] as const satisfies readonly ReportFormat[];

/** Time-series export formats (`kpi export --format`). */
export const EXPORT_FORMATS = ['parquet', 'csv', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
