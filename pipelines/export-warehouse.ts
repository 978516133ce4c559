/** `kpi export`: the time-series tables of the published warehouse, written as files. */
import type { ExportFormat } from '../core/output-formats.ts';
import { exportTimeSeries } from '../reports/export-timeseries.ts';
import { readPublished } from './read-published.ts';

/** Write the tables in each format into `outDir`; resolves to the files written. */
export async function exportWarehouse(
  db: string,
  options: { readonly formats: readonly ExportFormat[]; readonly outDir: string },
): Promise<{ file: string }[]> {
  return readPublished(db, (connection) => exportTimeSeries(connection, options));
}
