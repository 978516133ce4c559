/**
 * `kpi export --format parquet,csv,arrow --out DIR`: the time-series tables for pandas, R and Excel;
 * with `--partitioned`, the facts and time series as year=/month=/region= Parquet folders for Spark,
 * Trino and DuckDB.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS } from '../../core/output-formats.ts';
import type { CommandContext } from '../command-context.ts';
import { parseFormatList } from '../parse-format-list.ts';

export function registerExport(program: Command, context: () => CommandContext): void {
  program
    .command('export')
    .description('write the time-series tables (timeseries_long, timeseries_wide, completion)')
    .option('--format <formats>', 'comma-separated: parquet,csv,arrow', 'parquet,csv,arrow')
    .requiredOption('--out <dir>', 'output folder')
    .option(
      '--partitioned',
      'write observation, timeseries_long and completion as Parquet folders TABLE/year=/month=/region=',
    )
    .action(async (options: { format: string; out: string; partitioned?: boolean }) => {
      const formats = options.partitioned ? [] : parseFormatList(options.format, EXPORT_FORMATS);
      const ctx = context();
      if (options.partitioned) {
        const { exportWarehousePartitioned } =
          await import('../../pipelines/export-warehouse-partitioned.ts');
        const tables = await exportWarehousePartitioned(ctx.config, { outDir: path.resolve(options.out) });
        for (const t of tables) ctx.stdout.write(`${t.dir}\t${t.files} files\n`);
        return;
      }
      const { exportWarehouse } = await import('../../pipelines/export-warehouse.ts');
      const files = await exportWarehouse(ctx.config, { formats, outDir: path.resolve(options.out) });
      for (const f of files) ctx.stdout.write(`${f.file}\n`);
    });
}
