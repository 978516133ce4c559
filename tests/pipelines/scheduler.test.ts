import { afterEach, describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../core/config.ts';
import { warehouseSaltFile } from '../../core/warehouse-salt-file.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { startScheduler, type JobName } from '../../pipelines/scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
});

function scheduler(schedules = { nightly: '0 2 * * *', bulletin: '0 8 6 * *' }) {
  const ran: Array<{ job: JobName; at: string }> = [];
  const log = createMemoryLog();
  const jobs = {
    nightly: async (at: Date) => void ran.push({ job: 'nightly', at: at.toISOString() }),
    bulletin: async (at: Date) => void ran.push({ job: 'bulletin', at: at.toISOString() }),
  };
  const config = {
    ...configSchema.parse({ schedules }),
    timezone: 'Asia/Shanghai',
    salt_file: warehouseSaltFile('kpi.duckdb'),
  };
  return { ran, log, jobs, config };
}

describe('kpi schedule', () => {
  it('triggers the nightly run at 02:00 and the bulletin on the 6th at 08:00, Asia/Shanghai', async () => {
    vi.useFakeTimers({ now: new Date('2022-11-05T01:59:00+08:00') });
    const { ran, log, jobs, config } = scheduler();
    const s = startScheduler({ config, log, jobs });
    await vi.advanceTimersByTimeAsync(2 * 60 * 1000); // 02:01 on the 5th
    await vi.advanceTimersByTimeAsync(30 * 60 * 60 * 1000); // 08:01 on the 6th
    await s.stop();
    expect(ran).toEqual([
      { job: 'nightly', at: '2022-11-04T18:00:00.000Z' },
      { job: 'nightly', at: '2022-11-05T18:00:00.000Z' },
      { job: 'bulletin', at: '2022-11-06T00:00:00.000Z' },
    ]);
    expect(log.events.filter((e) => e.event === 'message' && e.text.includes('triggered'))).toHaveLength(3);
  });

  it('skips a trigger while a job is still running; stop() asks it to stop and waits for it', async () => {
    const { log, config } = scheduler();
    let release!: () => void;
    let finished = false;
    const s = startScheduler({
      config,
      log,
      jobs: {
        nightly: (_at, signal) =>
          new Promise<void>(
            (resolve) =>
              (release = () => {
                finished = signal.aborted;
                resolve();
              }),
          ),
        bulletin: async () => undefined,
      },
    });
    const first = s.trigger('nightly', new Date('2022-11-05T02:00:00+08:00'));
    expect(await s.trigger('bulletin', new Date('2022-11-05T02:00:01+08:00'))).toBe('skipped');
    const stopped = s.stop();
    release();
    await stopped;
    expect(finished).toBe(true);
    expect(await first).toBe('ran');
    expect(log.events).toContainEqual({
      event: 'message',
      text: expect.stringContaining('skipped, nightly is still running'),
    });
  });

  it('never starts on a schedule that is not a cron expression: the config refuses it when read', () => {
    const parsed = configSchema.safeParse({ schedules: { nightly: 'every night', bulletin: '0 8 6 * *' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({ path: ['schedules', 'nightly'], message: expect.stringContaining('cron') }),
    ]);
  });
});
