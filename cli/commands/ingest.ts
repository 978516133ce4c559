/**
 * `kpi ingest <file or folder>…`: validate and load returns and exports, one outcome per file
 * (`--json`: the SPEC §10 array). Exit 0 when every file was accepted, 1 when some were rejected.
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { FileOutcome } from '../../core/file-outcome.ts';
import { findingLine } from '../../core/format-finding.ts';
import { formatCounts } from '../../core/format-counts.ts';
import { maskNationalIds } from '../../core/mask-national-ids.ts';
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
      const [{ ingestPaths }, { createMessageLog }] = await Promise.all([
        import('../../pipelines/ingest-paths.ts'),
        import('../../pipelines/run-log.ts'),
      ]);
      let outcomes: FileOutcome[];
      try {
        outcomes = await ingestPaths({
          files,
          config: ctx.config,
          catalogue: await ctx.catalogue(),
          log: createMessageLog(ctx.stderr),
        });
      } catch (error) {
        // A script reading --json gets an object it can test, not silence; the line goes to stderr as ever.
        if (options.json) ctx.stdout.write(JSON.stringify({ error: await jsonError(error) }, null, 2) + '\n');
        throw error;
      }
      // File names are quoted too: the whole output passes the mask, not only the findings.
      ctx.stdout.write(
        maskNationalIds(
          options.json ? JSON.stringify(outcomes, null, 2) + '\n' : outcomes.map(describe).join(''),
        ),
      );
      const rejected = outcomes.filter((o) => o.status === 'rejected').length;
      if (rejected > 0) throw new UserError(`${outcomes.length}个文件中有${rejected}个被退回`, 1);
    });
}

/** `{code, message, detail}`: what stopped the ingest, the message in Chinese, the detail in English. */
async function jsonError(error: unknown) {
  const [{ RunLockedError }, { NotAWarehouseError }, { describeFailure }] = await Promise.all([
    import('../../pipelines/run-lock.ts'),
    import('../../core/not-a-warehouse-error.ts'),
    import('../../core/describe-failure.ts'),
  ]);
  const e = error as Error;
  const code =
    error instanceof RunLockedError
      ? 'run_locked'
      : error instanceof NotAWarehouseError
        ? 'not_a_warehouse'
        : 'failed';
  const message = code === 'failed' ? describeFailure(error) : e.message;
  return { code, message, detail: maskNationalIds(`${e.name}: ${e.message}`) };
}

/** Files named by the arguments: files as given, folders recursively (hidden ones included), months in order. */
function expandPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    const info = statSync(p, { throwIfNoEntry: false });
    if (!info) throw new UserError(`no such file or folder: ${p}`, 2);
    return info.isDirectory() ? listFiles(p) : [p];
  });
}

function describe(outcome: FileOutcome): string {
  const head = `${outcome.status.padEnd(9)} ${outcome.region ?? '-'} ${outcome.period ?? '-'}  ${outcome.file}\n`;
  const lines = [...outcome.errors, ...outcome.warnings, ...(outcome.notes ?? [])].map(
    (f) => `    ${findingLine(f)}\n`,
  );
  const counted = formatCounts(outcome.counts, outcome.source === 'export' ? '行' : '个');
  if (counted) lines.push(`    ${counted}\n`);
  // A resubmission replaces only the indicators it reports: say which, and what earlier files still give.
  if (outcome.replaced.length > 0) lines.push(`    替换了此前报送的：${outcome.replaced.join('、')}\n`);
  if (outcome.kept.length > 0) lines.push(`    保留此前报送的：${outcome.kept.join('、')}\n`);
  return head + lines.join('');
}
