/**
 * `kpi schedule`: the nightly run and the bulletin on their cron schedules (node-cron, in the
 * configured timezone). Jobs never overlap — a trigger that finds a job running is skipped and
 * logged — and `stop()` lets the running job finish before it resolves.
 */
import nodeCron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../core/config.ts';
import type { RunLog } from './run-log.ts';

export type JobName = 'nightly' | 'bulletin';

export interface Scheduler {
  /** Run a job now, as a trigger would (skipped if a job is running). */
  trigger(job: JobName, at: Date): Promise<'ran' | 'skipped' | 'failed'>;
  /** Stop triggering and ask the running job to stop after its current step; resolves when it has. */
  stop(): Promise<void>;
}

/** Start the cron tasks of the config's (validated) schedules. */
export function startScheduler(options: {
  config: Config;
  log: RunLog;
  /** The jobs; `signal` is aborted by `stop()` (a job should stop after its current step). */
  jobs: Readonly<Record<JobName, (at: Date, signal: AbortSignal) => Promise<void>>>;
}): Scheduler {
  // The expressions were validated with the config (core/config.ts), so every command refuses a bad one.
  const { config, log, jobs } = options;
  const stopping = new AbortController();
  let running: Promise<unknown> | null = null;
  let runningJob: JobName | null = null;

  const trigger: Scheduler['trigger'] = async (job, at) => {
    if (running) {
      log.emit({
        event: 'message',
        text: `${at.toISOString()} ${job}: skipped, ${runningJob} is still running`,
      });
      return 'skipped';
    }
    log.emit({ event: 'message', text: `${at.toISOString()} ${job}: triggered` });
    runningJob = job;
    const work = jobs[job](at, stopping.signal);
    running = work;
    try {
      await work;
      return 'ran';
    } catch (error) {
      log.emit({ event: 'message', text: `${job} failed: ${(error as Error).message}` });
      return 'failed';
    } finally {
      running = null;
      runningJob = null;
    }
  };

  const tasks: ScheduledTask[] = (Object.keys(config.schedules) as JobName[]).map((job) =>
    nodeCron.schedule(config.schedules[job], (context) => trigger(job, context.date), {
      name: job,
      timezone: config.timezone,
    }),
  );
  return {
    trigger,
    async stop() {
      stopping.abort();
      await Promise.all(tasks.map((t) => t.destroy()));
      await running?.catch(() => undefined);
    },
  };
}
