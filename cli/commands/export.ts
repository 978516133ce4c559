/** `kpi export --format parquet,csv,arrow --out DIR`: the time-series tables for pandas, R and Excel. */
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
    .action(async (options: { format: string; out: string }) => {
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
