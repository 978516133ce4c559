/** `kpi report --period YYYY-MM`: write the monthly bulletin and its tables (Markdown, HTML, Excel). */
import path from 'node:path';
import type { Command } from 'commander';
import { REPORT_FORMATS } from '../../core/output-formats.ts';
import { parsePeriod } from '../../core/period.ts';
import { writeMonthReport } from '../../pipelines/write-month-report.ts';
import { UserError, type CommandContext } from '../command-context.ts';
import { parseFormatList } from '../parse-format-list.ts';

interface ReportOptions {
  period: string;
  format: string;
  out?: string;
  asOf?: string;
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
      const period = parsePeriod(options.period);
      if (period === null) throw new UserError(`--period takes YYYY-MM; got "${options.period}"`, 2);
      const formats = parseFormatList(options.format, REPORT_FORMATS);
      const asOf = options.asOf === undefined ? undefined : new Date(options.asOf);
      if (asOf && Number.isNaN(asOf.getTime()))
        throw new UserError(`--as-of is not a date and time: "${options.asOf}"`, 2);
      const ctx = context();
      const outDir = options.out ? path.resolve(options.out) : ctx.config.reports;
      const files = await writeMonthReport(ctx.config, { period, formats, outDir, asOf });
      for (const file of files) ctx.stdout.write(`${file}\n`);
    });
}
