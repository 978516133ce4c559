/**
 * `kpi report --period YYYY-MM [--kind bulletin|audit]`: write the monthly bulletin (Markdown, HTML,
 * Excel, Word, chart PNGs) or the month's 审核 report (Markdown, Excel).
 */
import path from 'node:path';
import type { Command } from 'commander';
import {
  AUDIT_FORMATS,
  DEFAULT_REPORT_FORMATS,
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportKind,
} from '../../core/output-formats.ts';
import { parsePeriod } from '../../core/period.ts';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';
import { parseFormatList } from '../parse-format-list.ts';

interface ReportOptions {
  period: string;
  kind: string;
  format?: string;
  out?: string;
  asOf?: string;
}

export function registerReport(program: Command, context: () => CommandContext): void {
  program
    .command('report')
    .description('write the monthly bulletin (or the month’s 审核 report) for a month')
    .requiredOption('--period <YYYY-MM>', 'report month')
    .option('--kind <kind>', REPORT_KINDS.join(' or '), 'bulletin')
    .option(
      '--format <formats>',
      `comma-separated: ${REPORT_FORMATS.join(',')} (audit: ${AUDIT_FORMATS.join(',')}); default ${DEFAULT_REPORT_FORMATS.join(',')} (audit: ${AUDIT_FORMATS.join(',')})`,
    )
    .option('--out <dir>', 'output folder (default: config `reports`)')
    .option('--as-of <time>', 'the report as published at this time (ISO 8601, e.g. 2022-11-06T08:00+08:00)')
    .action(async (options: ReportOptions) => {
      const period = parsePeriod(options.period);
      if (period === null) throw new UserError(`--period takes YYYY-MM; got "${options.period}"`, 2);
      if (!(REPORT_KINDS as readonly string[]).includes(options.kind))
        throw new UserError(`--kind takes ${REPORT_KINDS.join(' or ')}; got "${options.kind}"`, 2);
      const kind = options.kind as ReportKind;
      const formats =
        options.format === undefined
          ? kind === 'audit'
            ? [...AUDIT_FORMATS]
            : [...DEFAULT_REPORT_FORMATS]
          : kind === 'audit'
            ? parseFormatList(options.format, AUDIT_FORMATS)
            : parseFormatList(options.format, REPORT_FORMATS);
      const asOf = options.asOf === undefined ? undefined : new Date(options.asOf);
      if (asOf && Number.isNaN(asOf.getTime()))
        throw new UserError(`--as-of is not a date and time: "${options.asOf}"`, 2);
      const ctx = context();
      const outDir = options.out ? path.resolve(options.out) : ctx.config.reports;
      const { writeMonthReport } = await import('../../pipelines/write-month-report.ts');
      const files = await writeMonthReport(ctx.config, {
        period,
        kind,
        formats,
        outDir,
        asOf,
        log: (line) => ctx.stderr.write(`${line}\n`),
      });
      for (const file of files) ctx.stdout.write(`${file}\n`);
    });
}
