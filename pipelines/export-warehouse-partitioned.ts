/** `kpi export --partitioned`: the published warehouse's facts and time series as a Parquet data lake. */
import { exportPartitionedParquet, type PartitionedTable } from '../reports/export-partitioned-parquet.ts';
import { readPublished } from './read-published.ts';

/** Write `TABLE/year=/month=/region=` Parquet folders into `outDir`; resolves to the tables written. */
export async function exportWarehousePartitioned(
  db: string,
  options: { readonly outDir: string },
): Promise<PartitionedTable[]> {
  return readPublished(db, (connection) => exportPartitionedParquet(connection, options));
}
