/** `kpi export --partitioned`: the published warehouse's facts and time series as a Parquet data lake. */
import {
  exportPartitionedParquet,
  type PartitionedTable,
} from '../warehouse/export/export-partitioned-parquet.ts';
import type { Config } from '../core/config.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';

/** Write `TABLE/year=/month=/region=` Parquet folders into `outDir`; resolves to the tables written. */
export async function exportWarehousePartitioned(
  config: Pick<Config, 'db' | 'timezone'>,
  options: { readonly outDir: string },
): Promise<PartitionedTable[]> {
  return withPublishedWarehouse(config.db, { timezone: config.timezone }, (connection) =>
    exportPartitionedParquet(connection, options),
  );
}
