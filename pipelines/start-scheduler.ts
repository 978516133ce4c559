/**
 * `kpi schedule` in the foreground: node-cron fires the nightly run and the monthly bulletin in the
 * configured timezone; a trigger while a job runs is skipped with a log line; `stop()` lets the
 * current step finish, then returns. The cron library and the clock are injectable for tests.
 */
import { schedule as cronSchedule, validate } from 'node-cron';
import type { Config } from './config.ts';

export type TriggerName = keyof Config['schedules'];

/** What a trigger does; it should stop after its current step once `signal` is aborted. */
export type ScheduledJob = (trigger: TriggerName, now: Date, signal: AbortSignal) => Promise<string>;

/** The part of node-cron the scheduler uses. */
export type ScheduleFunction = (
  expression: string,
  fire: () => Promise<void>,
  options: { timezone: string; name: string },
) => { stop(): unknown };

export interface SchedulerOptions {
  readonly schedules: Config['schedules'];
  readonly timezone: string;
  readonly job: ScheduledJob;
  readonly log: (line: string) => void;
  readonly clock?: () => Date;
  readonly schedule?: ScheduleFunction;
}

export interface Scheduler {
  /** Fire a trigger now (what cron calls): `ran`, or `skipped` when a job is still running or stopping. */
  trigger(name: TriggerName): Promise<'ran' | 'skipped' | 'failed'>;
  /** Stop the cron tasks, ask the running job to stop after its step, wait for it. */
  stop(): Promise<void>;
}

/** Start the cron tasks of `schedules`. Throws on an invalid cron expression. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const schedule: ScheduleFunction = options.schedule ?? ((e, f, o) => cronSchedule(e, f, o));
  const stopping = new AbortController();
  let running: Promise<unknown> | null = null;
  let runningName: TriggerName | null = null;

  const trigger = async (name: TriggerName): Promise<'ran' | 'skipped' | 'failed'> => {
    const now = clock();
    if (stopping.signal.aborted) return 'skipped';
    if (running) {
      options.log(`${now.toISOString()} ${name}: skipped, the ${runningName} run is still going`);
      return 'skipped';
    }
    options.log(`${now.toISOString()} ${name}: triggered`);
    runningName = name;
    const work = options.job(name, now, stopping.signal);
    running = work;
    try {
      const outcome = await work;
      options.log(`${clock().toISOString()} ${name}: ${outcome}`);
      return 'ran';
    } catch (error) {
      options.log(`${clock().toISOString()} ${name}: failed: ${(error as Error).message}`);
      return 'failed';
    } finally {
      running = null;
      runningName = null;
    }
  };

  const names = Object.keys(options.schedules) as TriggerName[];
  for (const name of names)
    if (!validate(options.schedules[name]))
      throw new Error(`invalid cron expression for ${name}: ${options.schedules[name]}`);
  const tasks = names.map((name) =>
    schedule(
      options.schedules[name],
      async () => {
        await trigger(name);
      },
      { timezone: options.timezone, name },
    ),
  );
  for (const name of names) options.log(`${name}: "${options.schedules[name]}" (${options.timezone})`);

  return {
    trigger,
    async stop() {
      stopping.abort();
      for (const task of tasks) task.stop();
      await running?.catch(() => undefined);
    },
  };
}
