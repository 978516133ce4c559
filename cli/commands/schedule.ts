/**
 * `kpi schedule`: runs in the foreground, firing `kpi run` on config.schedules (nightly, bulletin) in
 * config.timezone, one run at a time; SIGTERM/SIGINT stop it after the current step, releasing the lock.
 */
import type { Command } from 'commander';
import { jsonLinesReporter } from '../../pipelines/progress-reporter.ts';
import { runPipeline } from '../../pipelines/run-pipeline.ts';
import { startScheduler } from '../../pipelines/start-scheduler.ts';
import type { CommandContext } from '../command-context.ts';

export function registerSchedule(program: Command, context: () => CommandContext): void {
  program
    .command('schedule')
    .description('run in the foreground: nightly run and monthly bulletin on the configured cron schedules')
    .action(async () => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const log = (line: string) => ctx.stdout.write(`kpi schedule: ${line}\n`);
      const scheduler = startScheduler({
        schedules: ctx.config.schedules,
        timezone: ctx.config.timezone,
        log,
        job: async (trigger, _now, signal) => {
          const summary = await runPipeline({
            config: ctx.config,
            catalogue,
            signal,
            command: `schedule:${trigger}`,
            reporter: jsonLinesReporter(ctx.stderr),
          });
          return `${summary.status}: ${summary.message}`;
        },
      });
      await new Promise<void>((resolve) => {
        const onSignal = (signal: string) => {
          log(`${signal}: stopping after the current step`);
          void scheduler.stop().then(() => {
            log('stopped');
            resolve();
          });
        };
        process.once('SIGTERM', () => onSignal('SIGTERM')).once('SIGINT', () => onSignal('SIGINT'));
      });
    });
}
