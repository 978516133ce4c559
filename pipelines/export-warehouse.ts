/** `kpi export`: the time-series tables of the published warehouse, written as files. */
import type { ExportFormat } from '../core/output-formats.ts';
import { exportTimeSeries } from '../warehouse/export/export-timeseries.ts';
import type { Config } from '../core/config.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';

/** Write the tables in each format into `outDir`; resolves to the files written. */
export async function exportWarehouse(
  config: Pick<Config, 'db' | 'timezone'>,
  options: { readonly formats: readonly ExportFormat[]; readonly outDir: string },
): Promise<{ file: string }[]> {
  return withPublishedWarehouse(config.db, { timezone: config.timezone }, (connection) =>
    exportTimeSeries(connection, options),
  );
}
