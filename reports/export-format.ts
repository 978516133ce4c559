/**
 * The time-series export formats. Kept apart from `export-timeseries.ts` so that the CLI can
 * validate `--format` without loading the writers (apache-arrow among them).
 */

/** Every export format: Parquet and CSV through DuckDB COPY, Arrow IPC through apache-arrow. */
export const EXPORT_FORMATS = ['parquet', 'csv', 'arrow'] as const;

/** One time-series export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
