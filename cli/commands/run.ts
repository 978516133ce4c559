/** `kpi run`: one full pipeline pass over the inbox (exit 0 when the run completed, 1 when it failed). */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';

export function registerRun(program: Command, context: () => CommandContext): void {
  program
    .command('run')
    .description('one full pipeline pass: inbox → ingest → publish → bulletin → archive')
    .action(async () => {
      const ctx = context();
      const [
        { CRASH_POINTS, RunStoppedError },
        { RunLockedError },
        { createRunLog },
        { runAndAlert },
        { describeFailure },
      ] = await Promise.all([
        import('../../pipelines/run-pipeline.ts'),
        import('../../pipelines/run-lock.ts'),
        import('../../pipelines/run-log.ts'),
        import('../../pipelines/run-and-alert.ts'),
        import('../../core/describe-failure.ts'),
      ]);
      // Fault injection for the crash-recovery tests; never set in production.
      const crash = process.env.KPI_CRASH_AT;
      const crashAt = CRASH_POINTS.find((s) => s === crash);
      // SIGTERM/SIGINT: finish the current step, publish nothing more, release the lock.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
      try {
        const result = await runAndAlert({
          config: ctx.config,
          catalogue: await ctx.catalogue(),
          log: createRunLog(ctx.stdout),
          crashAt,
          signal: stop.signal,
        });
        // One line: DuckDB's messages add hints on further lines.
        if (result.status === 'failed')
          throw new UserError(`运行 ${result.runId} 失败：${describeFailure(result.error ?? '')}`);
      } catch (error) {
        if (error instanceof RunLockedError) throw new UserError(`未启动：${error.message}`);
        if (error instanceof RunStoppedError) throw new UserError(error.message);
        throw error;
      } finally {
        process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
      }
    });
}
