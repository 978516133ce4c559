/** `kpi schedule`: run the nightly pipeline and the bulletin on their schedules, in the foreground. */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

export function registerSchedule(program: Command, context: () => CommandContext): void {
  program
    .command('schedule')
    .description('run the nightly pipeline and the monthly bulletin on their schedules until stopped')
    .action(async () => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const [
        { runAndAlert },
        { createRunLog },
        { startScheduler },
        { writeReadyBulletin },
        { raiseRunAlerts },
      ] = await Promise.all([
        import('../../pipelines/run-and-alert.ts'),
        import('../../pipelines/run-log.ts'),
        import('../../pipelines/scheduler.ts'),
        import('../../pipelines/write-ready-bulletin.ts'),
        import('../../pipelines/raise-run-alerts.ts'),
      ]);
      const log = createRunLog(ctx.stdout);
      const scheduler = startScheduler({
        config: ctx.config,
        log,
        jobs: {
          nightly: async (_at, signal) => {
            await runAndAlert({ config: ctx.config, catalogue, log, signal });
          },
          bulletin: async (at) => {
            const reports = await writeReadyBulletin({ config: ctx.config, log, now: at });
            // The bulletin written by the morning job is news as much as the night's.
            const ending = { runId: 'bulletin', status: 'completed', outcomes: [], reports } as const;
            await raiseRunAlerts({ config: ctx.config, ending, log, now: () => at });
          },
        },
      });
      log.emit({
        event: 'message',
        text: `scheduled (${ctx.config.timezone}): nightly "${ctx.config.schedules.nightly}", bulletin "${ctx.config.schedules.bulletin}"; stop with Ctrl-C or SIGTERM`,
      });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.emit({ event: 'message', text: `${signal}: stopping after the current step` });
          void scheduler.stop().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
