/** `kpi run`: one full pipeline pass over the inbox (exit 0 when the run completed, 1 when it failed). */
import type { Command } from 'commander';
import { PIPELINE_STEPS, runPipeline, type PipelineStep } from '../../pipelines/run-pipeline.ts';
import { RunLockedError } from '../../pipelines/run-lock.ts';
import { createRunLog } from '../../pipelines/run-log.ts';
import { UserError, type CommandContext } from '../command-context.ts';

export function registerRun(program: Command, context: () => CommandContext): void {
  program
    .command('run')
    .description('one full pipeline pass: inbox → ingest → publish → bulletin → archive')
    .action(async () => {
      const ctx = context();
      // Fault injection for the crash-recovery tests; never set in production.
      const crash = process.env.KPI_CRASH_AFTER_STEP;
      const crashAfterStep = PIPELINE_STEPS.find((s) => s === crash) as PipelineStep | undefined;
      try {
        const result = await runPipeline({
          config: ctx.config,
          catalogue: await ctx.catalogue(),
          log: createRunLog(ctx.stdout),
          crashAfterStep,
        });
        if (result.status === 'failed') throw new UserError(`run ${result.runId} failed: ${result.error}`);
      } catch (error) {
        if (error instanceof RunLockedError) throw new UserError(`not started: ${error.message}`);
        throw error;
      }
    });
}
