/**
 * `kpi export --format parquet,csv,arrow --out DIR`: the time-series tables for pandas, R and Excel;
 * with `--partitioned`, the facts and time series as year=/month=/region= Parquet folders for Spark,
 * Trino and DuckDB.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../reports/export-format.ts';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';

/** Parse `parquet,csv`; a usage error (exit 2) names what is not a format. */
export function parseExportFormats(text: string): ExportFormat[] {
  const formats = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0)
    throw new UserError(`--format takes ${EXPORT_FORMATS.join(',')}; got "${text}"`, 2);
  return [...new Set(formats)] as ExportFormat[];
}

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
      if (options.partitioned) return exportPartitioned(context(), options.out);
      const formats = parseExportFormats(options.format);
      const ctx = context();
      if (!existsSync(ctx.config.db))
        throw new UserError(`no warehouse at ${ctx.config.db}; run \`kpi init\` first`);
      const outDir = path.resolve(options.out);
      const [{ exportTimeSeries }, { withWarehouse }] = await Promise.all([
        import('../../reports/export-timeseries.ts'),
        import('../../warehouse/open-warehouse.ts'),
      ]);
      const files = await withWarehouse(ctx.config.db, { readOnly: true }, (w) =>
        exportTimeSeries(w.connection, { formats, outDir }),
      );
      for (const f of files) ctx.stdout.write(`${f.file}\n`);
    });
}

/** `--partitioned`: one line per table, its folder and how many files it holds. */
async function exportPartitioned(ctx: CommandContext, out: string): Promise<void> {
  if (!existsSync(ctx.config.db))
    throw new UserError(`no warehouse at ${ctx.config.db}; run \`kpi init\` first`);
  const [{ exportPartitionedParquet }, { withWarehouse }] = await Promise.all([
    import('../../reports/export-partitioned-parquet.ts'),
    import('../../warehouse/open-warehouse.ts'),
  ]);
  const tables = await withWarehouse(ctx.config.db, { readOnly: true }, (w) =>
    exportPartitionedParquet(w.connection, { outDir: path.resolve(out) }),
  );
  for (const t of tables) ctx.stdout.write(`${t.dir}\t${t.files} files\n`);
}
