/**
 * `kpi check [--period YYYY-MM]`: run the data checks, store their findings as a check run, and
 * print the current findings (checks and ingest) grouped by severity and region. Exit 0.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parsePeriod } from '../../core/period.ts';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';

interface CheckOptions {
  period?: string;
  json?: boolean;
}

type CurrentFinding = Awaited<
  ReturnType<typeof import('../../pipelines/check-warehouse.ts').checkWarehouse>
>['findings'][number];

const SEVERITY_TITLE: Record<string, string> = {
  error: '错误（强制性审核，报表已退回）',
  warning: '警告（核实性审核，请核实）',
};

export function registerCheck(program: Command, context: () => CommandContext): void {
  program
    .command('check')
    .description('run the data checks and list the current quality findings')
    .option('--period <YYYY-MM>', 'check this month only')
    .option('--json', 'print the findings as JSON')
    .action(async (options: CheckOptions) => {
      const period = options.period === undefined ? null : parsePeriod(options.period);
      if (options.period !== undefined && period === null)
        throw new UserError(`--period takes YYYY-MM; got "${options.period}"`, 2);
      const ctx = context();
      if (!existsSync(ctx.config.db)) {
        const { NoWarehouseError } = await import('../../core/no-warehouse-error.ts');
        throw new NoWarehouseError(ctx.config.db);
      }
      const { checkWarehouse } = await import('../../pipelines/check-warehouse.ts');
      const { results, findings } = await checkWarehouse({
        config: ctx.config,
        catalogue: await ctx.catalogue(),
        period,
      });
      for (const r of results.filter((r) => r.status === 'error'))
        ctx.stderr.write(`kpi: check ${r.code} could not run: ${r.error}\n`);
      if (options.json) {
        ctx.stdout.write(JSON.stringify(findings, null, 2) + '\n');
        return;
      }
      const failed = results.filter((r) => r.status === 'failed').length;
      ctx.stdout.write(
        `${results.length} checks${period ? ` for ${period}` : ''}: ` +
          `${results.length - failed} passed, ${failed} with findings; ${findings.length} current findings\n`,
      );
      ctx.stdout.write(formatGrouped(findings));
    });
}

/** Findings under a heading per severity, then per region. */
function formatGrouped(rows: readonly CurrentFinding[]): string {
  const out: string[] = [];
  let severity: string | undefined;
  let region: string | null | undefined;
  for (const row of rows) {
    if (row.severity !== severity) {
      severity = row.severity;
      region = undefined;
      const count = rows.filter((r) => r.severity === severity).length;
      out.push('', `${SEVERITY_TITLE[severity] ?? severity} ${count}`);
    }
    if (row.region_code !== region) {
      region = row.region_code;
      out.push(`  ${row.region_name ?? '（未定区域）'}${row.region_code ? ` ${row.region_code}` : ''}`);
    }
    out.push(`    [${row.rule}] ${row.period ?? ''} ${row.message}`.replace(/\s+$/, ''));
  }
  return out.length ? out.join('\n') + '\n' : '';
}
