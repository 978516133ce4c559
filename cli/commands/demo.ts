/** `kpi demo`: generate the sample year and run the whole pipeline on it, month by month. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

export function registerDemo(program: Command, context: () => CommandContext): void {
  program
    .command('demo')
    .description('generate a realistic sample year and run the pipeline on it month by month')
    .option('--out <dir>', 'folder for the demo (rebuilt on each run)', 'demo')
    .action(async (options: { out: string }) => {
      const ctx = context();
      const out = ctx.stdout;
      out.write(`kpi demo: writing the sample year 2022 and running the nightly pipeline for each month…\n`);
      const [{ runDemo }, { createMemoryLog }] = await Promise.all([
        import('../../pipelines/run-demo.ts'),
        import('../../pipelines/run-log.ts'),
      ]);
      const log = createMemoryLog();
      const demo = await runDemo({
        outDir: options.out,
        log,
        onMonth: ({ month, result, files, seconds }) => {
          const count = (s: string) => result.outcomes.filter((o) => o.status === s).length;
          const report = result.reports.find((f) => f.endsWith('.md'));
          out.write(
            `  ${month}: ${files} files, ${count('loaded')} loaded, ${count('revised')} revised, ` +
              `${count('rejected')} rejected, ${seconds.toFixed(1)} s` +
              `${report ? ` → ${path.relative(process.cwd(), report)}` : ''}\n`,
          );
        },
      });
      const rel = (p: string) => path.relative(process.cwd(), p) || '.';
      const last = demo.runs.at(-1)?.result.reports.find((f) => f.endsWith('.md'));
      const headline = last ? keySentence(readFileSync(last, 'utf8')) : null;
      if (headline) out.write(`\n${headline}\n`);
      out.write(
        `\nwarehouse  ${rel(demo.config.db)}\n` +
          `bulletins  ${rel(demo.config.reports)}/bulletin-2022-MM.{md,html,xlsx,docx}\n` +
          `archive    ${rel(demo.config.archive)}   rejected ${rel(demo.config.rejected)}\n` +
          `\ntry:\n` +
          `  npx kpi query --db ${rel(demo.config.db)} "select * from completion where region_code = '370200' and period = date '2022-12-01'"\n` +
          (demo.brokenDir
            ? `  npx kpi ingest --db /tmp/scratch.duckdb ${rel(demo.brokenDir)}/prerequisite ${rel(demo.brokenDir)}/*.xlsx   # broken returns, each rejected with its reasons\n`
            : ''),
      );
      out.write(
        `\nthe board (报送情况, 完成进度, 指标, 审核, 通报), read-only, at http://127.0.0.1:8080/:\n` +
          `  npx kpi serve --db ${rel(demo.config.db)} --reports ${rel(demo.config.reports)}\n`,
      );
    });
}

/** The bulletin's first key item (一是…) to its first clause, as plain text: the sentence the demo promises; null when it has none. */
export function keySentence(markdown: string): string | null {
  const line = markdown.split('\n').find((l) => /^(\*\*)?一是/.test(l));
  if (line === undefined) return null;
  // The heading and its first clause: the whole item runs to a dozen indicators.
  const text = line.replaceAll('**', '');
  const clause = text.indexOf('；');
  return clause < 0 ? text : `${text.slice(0, clause)}。`;
}
