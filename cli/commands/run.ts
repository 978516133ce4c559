/**
 * `kpi run`: one pipeline run (inbox → ingest → checks → bulletin → archive → publish) under the run
 * lock. Progress: bars on a terminal, JSON lines on stderr otherwise. Exit 1 when another run holds the lock.
 */
import type { Command } from 'commander';
import { createProgressReporter } from '../../pipelines/progress-reporter.ts';
import { runPipeline, type RunSummary } from '../../pipelines/run-pipeline.ts';
import { RunLockedError } from '../../pipelines/run-lock.ts';
import { UserError, type CommandContext } from '../command-context.ts';

export function registerRun(program: Command, context: () => CommandContext): void {
  program
    .command('run')
    .description('load the inbox, check, write the due bulletin, file the inbox, publish the warehouse')
    .option('--json', 'print the run summary as JSON')
    .action(async (options: { json?: boolean }) => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
      let summary: RunSummary;
      try {
        summary = await runPipeline({
          config: ctx.config,
          catalogue,
          reporter: createProgressReporter(ctx.stderr),
          crashAfterStep: process.env.KPI_CRASH_AFTER_STEP,
          signal: stop.signal,
        });
      } catch (error) {
        if (error instanceof RunLockedError) throw new UserError(error.message, 1);
        throw error;
      } finally {
        process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
      }
      ctx.stdout.write(
        options.json ? JSON.stringify(summary, null, 2) + '\n' : describeRun(summary, ctx.config.db),
      );
      if (summary.status !== 'completed') process.exitCode = 1;
    });
}

/** The human summary of a run. */
export function describeRun(summary: RunSummary, db: string): string {
  const lines = [
    `run ${summary.runId}: ${summary.status}`,
    `  files: ${summary.filesLoaded} loaded, ${summary.filesUnchanged} unchanged, ${summary.filesRejected} rejected`,
    ...summary.outcomes
      .filter((o) => o.status === 'rejected')
      .map(
        (o) =>
          `    rejected ${o.file}: ${o.errors[0]?.message ?? ''}${o.errors.length > 1 ? ` (+${o.errors.length - 1} more)` : ''}`,
      ),
    `  bulletin: ${summary.bulletin.period ?? '-'} ${summary.bulletin.written ? 'written' : 'not written'} (${summary.bulletin.reason})`,
    `  warehouse: ${summary.published ? `published ${db}` : `unchanged ${db}`}`,
  ];
  return lines.join('\n') + '\n';
}
