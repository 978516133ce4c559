/** `kpi report --period YYYY-MM`: write the monthly bulletin and its tables (Markdown, HTML, Excel). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parsePeriod } from '../../reports/load-report-data.ts';
import { REPORT_FORMATS, writeReport, type ReportFormat } from '../../reports/write-report.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { UserError, type CommandContext } from '../command-context.ts';

interface ReportOptions {
  period: string;
  format: string;
  out?: string;
  asOf?: string;
}

/** Parse `md,html,xlsx`; a usage error (exit 2) names what is not a format. */
export function parseFormats(text: string): ReportFormat[] {
  const formats = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0)
    throw new UserError(`--format takes ${REPORT_FORMATS.join(',')}; got "${text}"`, 2);
  return formats as ReportFormat[];
}

export function registerReport(program: Command, context: () => CommandContext): void {
  program
    .command('report')
    .description('write the monthly bulletin and its tables for a month')
    .requiredOption('--period <YYYY-MM>', 'report month')
    .option('--format <formats>', 'comma-separated: md,html,xlsx', 'md,html,xlsx')
    .option('--out <dir>', 'output folder (default: config `reports`)')
    .option('--as-of <time>', 'the report as published at this time (ISO 8601, e.g. 2022-11-06T08:00+08:00)')
    .action(async (options: ReportOptions) => {
      try {
        parsePeriod(options.period);
      } catch (error) {
        throw new UserError((error as Error).message, 2);
      }
      const formats = parseFormats(options.format);
      const asOf = options.asOf === undefined ? undefined : new Date(options.asOf);
      if (asOf && Number.isNaN(asOf.getTime()))
        throw new UserError(`--as-of is not a date and time: "${options.asOf}"`, 2);
      const ctx = context();
      if (!existsSync(ctx.config.db))
        throw new UserError(`no warehouse at ${ctx.config.db}; run \`kpi init\` first`);
      const outDir = options.out ? path.resolve(options.out) : ctx.config.reports;
      const files = await withWarehouse(ctx.config.db, { readOnly: true }, async (w) => {
        // A bulletin of nothing would cite figures and issues that do not exist: say so instead.
        const held = await w.connection.runAndReadAll(
          `SELECT count(*) AS n FROM observation WHERE period = CAST(? AS DATE)`,
          [`${options.period}-01`],
        );
        if (Number(held.getRowsJS()[0]![0]) === 0)
          throw new UserError(
            `${options.period} 没有数据，未生成通报 (no data for ${options.period} in ${ctx.config.db}: nothing was loaded for that month, no bulletin written)`,
          );
        return writeReport(w.connection, {
          period: options.period,
          formats,
          outDir,
          asOf,
          deadlineDay: ctx.config.deadline_day,
          timezone: ctx.config.timezone,
        });
      });
      for (const file of files) ctx.stdout.write(`${file}\n`);
    });
}
