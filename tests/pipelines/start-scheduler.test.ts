import { describe, expect, it } from 'vitest';
import { startScheduler, type ScheduleFunction, type TriggerName } from '../../pipelines/start-scheduler.ts';

/** A cron stand-in: remembers what was scheduled so the test fires it. */
function fakeCron() {
  const scheduled: {
    expression: string;
    fire: () => Promise<void>;
    options: { timezone: string; name: string };
    stopped: boolean;
  }[] = [];
  const schedule: ScheduleFunction = (expression, fire, options) => {
    const entry = { expression, fire, options, stopped: false };
    scheduled.push(entry);
    return { stop: () => (entry.stopped = true) };
  };
  return { scheduled, schedule };
}

describe('kpi schedule', () => {
  it('schedules both triggers in the configured timezone and runs the job with the injected clock', async () => {
    const cron = fakeCron();
    const fixed = new Date('2022-02-06T02:00:00+08:00');
    const calls: { trigger: TriggerName; now: Date }[] = [];
    const log: string[] = [];
    const scheduler = startScheduler({
      schedules: { nightly: '0 2 * * *', bulletin: '0 8 6 * *' },
      timezone: 'Asia/Shanghai',
      clock: () => fixed,
      log: (line) => log.push(line),
      schedule: cron.schedule,
      job: async (trigger, now) => {
        calls.push({ trigger, now });
        return 'completed';
      },
    });
    expect(cron.scheduled.map((s) => [s.expression, s.options])).toEqual([
      ['0 2 * * *', { timezone: 'Asia/Shanghai', name: 'nightly' }],
      ['0 8 6 * *', { timezone: 'Asia/Shanghai', name: 'bulletin' }],
    ]);
    await cron.scheduled[0]!.fire();
    expect(calls).toEqual([{ trigger: 'nightly', now: fixed }]);
    expect(log).toContain('2022-02-05T18:00:00.000Z nightly: triggered');
    expect(log).toContain('2022-02-05T18:00:00.000Z nightly: completed');
    await scheduler.stop();
    expect(cron.scheduled.every((s) => s.stopped)).toBe(true);
  });

  it('skips a trigger while the previous run is going, and stop() waits for the running job', async () => {
    const cron = fakeCron();
    const log: string[] = [];
    let finish: (value: string) => void = () => {};
    let signalSeen: AbortSignal | null = null;
    const scheduler = startScheduler({
      schedules: { nightly: '0 2 * * *', bulletin: '0 8 6 * *' },
      timezone: 'Asia/Shanghai',
      clock: () => new Date('2022-02-06T08:00:00+08:00'),
      log: (line) => log.push(line),
      schedule: cron.schedule,
      job: (_trigger, _now, signal) => {
        signalSeen = signal;
        return new Promise<string>((resolve) => (finish = resolve));
      },
    });
    const first = scheduler.trigger('nightly');
    expect(await scheduler.trigger('bulletin')).toBe('skipped');
    expect(log.at(-1)).toBe('2022-02-06T00:00:00.000Z bulletin: skipped, the nightly run is still going');
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(signalSeen!.aborted).toBe(true);
    expect(stopped).toBe(false);
    finish('stopped');
    await stopping;
    expect(await first).toBe('ran');
    expect(stopped).toBe(true);
  });

  it('rejects an invalid cron expression', () => {
    expect(() =>
      startScheduler({
        schedules: { nightly: 'every night', bulletin: '0 8 6 * *' },
        timezone: 'Asia/Shanghai',
        log: () => {},
        schedule: fakeCron().schedule,
        job: async () => '',
      }),
    ).toThrow('invalid cron expression for nightly: every night');
  });
});
