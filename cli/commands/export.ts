/** `kpi export --format parquet,csv,arrow --out DIR`: the time-series tables for pandas, R and Excel. */
import path from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS } from '../../core/output-formats.ts';
import { exportWarehouse } from '../../pipelines/export-warehouse.ts';
import type { CommandContext } from '../command-context.ts';
import { parseFormatList } from '../parse-format-list.ts';

export function registerExport(program: Command, context: () => CommandContext): void {
  program
    .command('export')
    .description('write the time-series tables (timeseries_long, timeseries_wide, completion)')
    .option('--format <formats>', 'comma-separated: parquet,csv,arrow', 'parquet,csv,arrow')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (options: { format: string; out: string }) => {
      const formats = parseFormatList(options.format, EXPORT_FORMATS);
      const ctx = context();
      const files = await exportWarehouse(ctx.config.db, { formats, outDir: path.resolve(options.out) });
      for (const f of files) ctx.stdout.write(`${f.file}\n`);
    });
}
