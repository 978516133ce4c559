/**
 * `kpi check [--period YYYY-MM]`: run the data checks, store their findings as a check run, and
 * print the current findings (checks and ingest) grouped by severity and region. Exit 0.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { runChecks } from '../../transforms/run-checks.ts';
import { initWarehouse } from '../../warehouse/init-warehouse.ts';
import { withRunLock } from '../../pipelines/run-lock.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { UserError, type CommandContext } from '../command-context.ts';

interface CheckOptions {
  period?: string;
  json?: boolean;
}

interface FindingRow {
  severity: string;
  rule: string;
  region_code: string | null;
  region_name: string | null;
  period: string | null;
  indicator_code: string | null;
  message: string;
  origin: string;
}

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
      if (options.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period))
        throw new UserError(`--period takes YYYY-MM; got "${options.period}"`, 2);
      const ctx = context();
      if (!existsSync(ctx.config.db))
        throw new UserError(`no warehouse at ${ctx.config.db}; run \`kpi init\` first`);
      const catalogue = await ctx.catalogue();
      const now = new Date();
      await withRunLock(ctx.config.db, 'check', () =>
        withWarehouse(ctx.config.db, {}, async ({ connection }) => {
          await initWarehouse(connection, catalogue);
          const results = await runChecks(connection, {
            runId: `check-${now.toISOString()}`,
            now,
            config: ctx.config,
            period: options.period,
          });
          for (const r of results.filter((r) => r.status === 'error'))
            ctx.stderr.write(`kpi: check ${r.code} could not run: ${r.error}\n`);
          const reader = await connection.runAndReadAll(
            `SELECT q.severity, q.rule, q.region_code, r.name_zh AS region_name, strftime(q.period, '%Y-%m') AS period,
             q.indicator_code, q.message, q.origin
           FROM quality_finding q LEFT JOIN region r USING (region_code)
           WHERE $1 IS NULL OR q.period = CAST($1 AS DATE)
           ORDER BY q.severity, q.region_code NULLS FIRST, q.period, q.rule, q.indicator_code, q.message`,
            [options.period ? `${options.period}-01` : null],
          );
          const rows = reader.getRowObjectsJson() as unknown as FindingRow[];
          if (options.json) {
            ctx.stdout.write(JSON.stringify(rows, null, 2) + '\n');
            return;
          }
          const failed = results.filter((r) => r.status === 'failed').length;
          ctx.stdout.write(
            `${results.length} checks${options.period ? ` for ${options.period}` : ''}: ` +
              `${results.length - failed} passed, ${failed} with findings; ${rows.length} current findings\n`,
          );
          ctx.stdout.write(formatGrouped(rows));
        }),
      );
    });
}

/** Findings under a heading per severity, then per region. */
function formatGrouped(rows: readonly FindingRow[]): string {
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
