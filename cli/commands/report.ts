/**
 * `kpi report --period YYYY-MM [--kind bulletin|audit]`: write the monthly bulletin (Markdown, HTML,
 * Excel, Word, chart PNGs) or the month's 审核 report (Markdown, Excel).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parsePeriod } from '../../reports/load-report-data.ts';
import {
  AUDIT_FORMATS,
  DEFAULT_REPORT_FORMATS,
  REPORT_FORMATS,
  writeReport,
  type ReportFormat,
  type ReportKind,
} from '../../reports/write-report.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { UserError, type CommandContext } from '../command-context.ts';

interface ReportOptions {
  period: string;
  kind: string;
  format?: string;
  out?: string;
  asOf?: string;
}

/** Parse `md,html,xlsx` against the formats of a kind; a usage error (exit 2) names what is not a format. */
export function parseFormats(
  text: string,
  allowed: readonly ReportFormat[] = REPORT_FORMATS,
): ReportFormat[] {
  const formats = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(allowed as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0)
    throw new UserError(`--format takes ${allowed.join(',')}; got "${text}"`, 2);
  return formats as ReportFormat[];
}

export function registerReport(program: Command, context: () => CommandContext): void {
  program
    .command('report')
    .description('write the monthly bulletin (or the month’s 审核 report) for a month')
    .requiredOption('--period <YYYY-MM>', 'report month')
    .option('--kind <kind>', 'bulletin or audit', 'bulletin')
    .option(
      '--format <formats>',
      `comma-separated: ${REPORT_FORMATS.join(',')} (audit: ${AUDIT_FORMATS.join(',')}); default ${DEFAULT_REPORT_FORMATS.join(',')} (audit: ${AUDIT_FORMATS.join(',')})`,
    )
    .option('--out <dir>', 'output folder (default: config `reports`)')
    .option('--as-of <time>', 'the report as published at this time (ISO 8601, e.g. 2022-11-06T08:00+08:00)')
    .action(async (options: ReportOptions) => {
      try {
        parsePeriod(options.period);
      } catch (error) {
        throw new UserError((error as Error).message, 2);
      }
      if (options.kind !== 'bulletin' && options.kind !== 'audit')
        throw new UserError(`--kind takes bulletin or audit; got "${options.kind}"`, 2);
      const kind: ReportKind = options.kind;
      const allowed = kind === 'audit' ? AUDIT_FORMATS : REPORT_FORMATS;
      const formats =
        options.format === undefined
          ? [...(kind === 'audit' ? AUDIT_FORMATS : DEFAULT_REPORT_FORMATS)]
          : parseFormats(options.format, allowed);
      const asOf = options.asOf === undefined ? undefined : new Date(options.asOf);
      if (asOf && Number.isNaN(asOf.getTime()))
        throw new UserError(`--as-of is not a date and time: "${options.asOf}"`, 2);
      const ctx = context();
      if (!existsSync(ctx.config.db))
        throw new UserError(`no warehouse at ${ctx.config.db}; run \`kpi init\` first`);
      const outDir = options.out ? path.resolve(options.out) : ctx.config.reports;
      const b = ctx.config.bulletin;
      const files = await withWarehouse(ctx.config.db, { readOnly: true }, (w) =>
        writeReport(w.connection, {
          period: options.period,
          kind,
          formats,
          outDir,
          asOf,
          deadlineDay: ctx.config.deadline_day,
          timezone: ctx.config.timezone,
          settings: {
            issuer: b.issuer,
            issueNumber: b.issue_number,
            issueDay: b.issue_day,
            balanceRounding: b.balance_rounding,
          },
          textDir: b.text_dir,
          log: (line) => ctx.stderr.write(`${line}\n`),
        }),
      );
      for (const file of files) ctx.stdout.write(`${file}\n`);
    });
}
