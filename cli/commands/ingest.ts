/**
 * `kpi ingest <file or folder>…`: validate and load returns and exports, one outcome per file
 * (`--json`: the SPEC §10 array). Exit 0 when every file was accepted, 1 when some were rejected.
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { FileOutcome } from '../../core/file-outcome.ts';
import { findingLine } from '../../core/format-finding.ts';
import { listFiles } from '../../pipelines/inbox.ts';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';

export function registerIngest(program: Command, context: () => CommandContext): void {
  program
    .command('ingest')
    .description('validate and load district returns and system exports (files or folders)')
    .argument('<paths...>', 'files or folders (folders are read recursively, in month order)')
    .option('--json', 'print a JSON array of {file, status, region, period, errors, warnings, counts}')
    .action(async (paths: string[], options: { json?: boolean }) => {
      const ctx = context();
      const files = expandPaths(paths);
      const { ingestPaths } = await import('../../pipelines/ingest-paths.ts');
      const outcomes = await ingestPaths({ files, config: ctx.config, catalogue: await ctx.catalogue() });
      ctx.stdout.write(
        options.json ? JSON.stringify(outcomes, null, 2) + '\n' : outcomes.map(describe).join(''),
      );
      const rejected = outcomes.filter((o) => o.status === 'rejected').length;
      if (rejected > 0) throw new UserError(`${rejected} of ${outcomes.length} file(s) rejected`, 1);
    });
}

/** Files named by the arguments: files as given, folders recursively (hidden ones included), months in order. */
function expandPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    const info = statSync(p, { throwIfNoEntry: false });
    if (!info) throw new UserError(`no such file or folder: ${p}`, 2);
    return info.isDirectory() ? listFiles(p) : [p];
  });
}

/** The reasons a value cell or row was left out, as a person reads them (codes stay in `--json`). */
const LEFT_OUT_ZH: Readonly<Record<string, string>> = {
  unknown_label: '未知指标',
  non_numeric: '非数字',
  formula_without_result: '公式无结果',
  repeated: '重复填报',
  duplicate_indicator: '重复且不同',
  level_ambiguous: '本月与累计时点数不同',
  after_report_month: '报告期之后的月份',
  rejected: '因文件被退回',
};

function describe(outcome: FileOutcome): string {
  const head = `${outcome.status.padEnd(9)} ${outcome.region ?? '-'} ${outcome.period ?? '-'}  ${outcome.file}\n`;
  const lines = [...outcome.errors, ...outcome.warnings, ...(outcome.notes ?? [])].map(
    (f) => `    ${findingLine(f)}\n`,
  );
  const { read, stored, not_reported, left_out } = outcome.counts;
  const left = Object.entries(left_out).map(([reason, n]) => `${LEFT_OUT_ZH[reason] ?? reason}${n}`);
  if (read > 0)
    lines.push(
      `    读取${read}个，入库${stored}个，未填报${not_reported}个${left.length ? `，未入库：${left.join('、')}` : ''}\n`,
    );
  // A resubmission replaces only the indicators it reports: say which, and what earlier files still give.
  if (outcome.replaced.length > 0) lines.push(`    替换了此前报送的：${outcome.replaced.join('、')}\n`);
  if (outcome.kept.length > 0) lines.push(`    保留此前报送的：${outcome.kept.join('、')}\n`);
  return head + lines.join('');
}
