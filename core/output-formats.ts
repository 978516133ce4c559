/**
 * The file formats the product writes, as users name them on the command line: the bulletin's
 * formats and the time-series export's.
 */

/** Bulletin formats (`kpi report --format`). */
export const REPORT_FORMATS = ['md', 'html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Time-series export formats (`kpi export --format`). */
export const EXPORT_FORMATS = ['parquet', 'csv', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
