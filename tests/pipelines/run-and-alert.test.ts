/**
 * Issue 27: four nights of a deployment with a fixed clock, each night's alerts reaching a 企业微信
 * robot, a signed 钉钉 robot and a mailbox on 127.0.0.1 — a rejected file and a 催报, nothing new
 * the next night, the deadline (late districts, the bulletin), and a failed run on a stale warehouse.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { configSchema, type Config } from '../../core/config.ts';
import { runAndAlert } from '../../pipelines/run-and-alert.ts';
import { createMemoryLog, type RunEvent } from '../../pipelines/run-log.ts';
import { writeSampleYear, type SampleYear } from '../../samples/write-sample-year.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { DINGTALK_SECRET, startMailbox, startWebhookReceiver } from '../helpers/alert-receivers.ts';

let sample: SampleYear;
let catalogue: Catalogue;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-alert-sample-'));
  sample = await writeSampleYear(dir, await loadCatalogue(), {
    months: [9, 10],
    districts: ['370202'],
    broken: false,
  });
  catalogue = await loadCatalogue({ extraTargetFiles: [sample.targetsFile] });
  hooks = await startWebhookReceiver();
  mailbox = await startMailbox();
});
afterAll(async () => {
  await hooks.close();
  await mailbox.close();
});

function deployment(): Config {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-alerts-'));
  const config: Config = {
    ...configSchema.parse({
      alerts: {
        webhooks: [
          { kind: 'wecom', url: hooks.url('/wecom', '?key=k') },
          { kind: 'dingtalk', url: hooks.url('/dingtalk', '?access_token=t'), secret: DINGTALK_SECRET },
        ],
        email: { host: '127.0.0.1', port: mailbox.port, from: 'kpi@bureau.test', to: 'tongji@bureau.test' },
        reminder_days: 2,
        stale_hours: 36,
      },
    }),
    db: path.join(dir, 'kpi.duckdb'),
    inbox: path.join(dir, 'inbox'),
    archive: path.join(dir, 'archive'),
    rejected: path.join(dir, 'rejected'),
    reports: path.join(dir, 'reports'),
    salt_file: path.join(dir, '.kpi', 'salt'),
    target_files: [sample.targetsFile],
  };
  mkdirSync(config.inbox, { recursive: true });
  return config;
}

const returnOf = (month: number) => sample.returns.find((r) => r.month === month)!.file;

/** What the 企业微信 robot received since `from`, as its texts. */
const wecomSince = (from: number) =>
  hooks.posts
    .slice(from)
    .filter((p) => p.path === '/wecom')
    .map((p) => p.body.text.content as string);

async function night(config: Config, iso: string) {
  const memory = createMemoryLog();
  const times: number[] = [];
  const log = { ...memory, emit: (e: RunEvent) => (times.push(performance.now()), memory.emit(e)) };
  const before = { posts: hooks.posts.length, mails: mailbox.mails.length };
  const result = await runAndAlert({ config, catalogue, log, now: () => new Date(iso) });
  return {
    result,
    log: memory,
    times,
    ended: performance.now(),
    wecom: wecomSince(before.posts),
    dingtalk: hooks.posts.slice(before.posts).filter((p) => p.path === '/dingtalk'),
    mails: mailbox.mails.slice(before.mails),
  };
}

describe('kpi run tells a person', () => {
  it('of rejected files, 催报, late districts, the bulletin, a failed run and a stale warehouse — each once', async () => {
    const config = deployment();

    // Night 1, two days before the deadline: 市南区's October return and a file that is no workbook.
    copyFileSync(returnOf(10), path.join(config.inbox, path.basename(returnOf(10))));
    writeFileSync(path.join(config.inbox, '市北区2022年10月.xlsx'), 'this is not a workbook');
    const first = await night(config, '2022-11-03T02:00:00+08:00');
    expect(first.result.status).toBe('completed');
    expect(first.wecom).toHaveLength(2);
    expect(first.wecom[0]).toMatch(/^【KPI仓库】1个文件被拒收\n· 市北区2022年10月\.xlsx：\S+/);
    expect(first.wecom[1]).toMatch(/^【KPI仓库】催报：2022年10月报表2天后截止\n/);
    expect(first.wecom[1]).toContain('将于2022-11-05截止（还有2天），尚未报送：市北区、');
    expect(first.wecom[1]).not.toContain('市南区');
    expect(first.dingtalk.map((p) => p.signed)).toEqual([true, true]);
    expect(first.mails.map((m) => m.subject)).toEqual([
      '【KPI仓库】1个文件被拒收',
      '【KPI仓库】催报：2022年10月报表2天后截止',
    ]);
    expect(first.log.events.filter((e) => e.event === 'alert')).toHaveLength(6);

    // Night 2: nothing arrived; the reminder was given, nothing is news.
    const second = await night(config, '2022-11-04T02:00:00+08:00');
    expect(second.result.status).toBe('completed');
    expect(second.wecom).toEqual([]);
    expect(second.mails).toEqual([]);

    // Night 3, the deadline day: nine districts are late, and the bulletin is written naming them.
    const third = await night(config, '2022-11-05T02:00:00+08:00');
    expect(third.wecom).toHaveLength(2);
    expect(third.wecom[1]).toMatch(/^【KPI仓库】2022年10月报表逾期未报：9个区市\n/);
    expect(third.wecom[1]).toContain('已于2022-11-05截止，尚未报送：市北区、');
    expect(third.wecom[0]).toMatch(/^【KPI仓库】2022年10月月报已生成\n《.+》已生成：.*bulletin-2022-10\.md/);
    expect(third.mails.map((m) => m.subject)).toHaveLength(2);

    // Night 6: the archive folder is a file, so the run fails after publishing; the last completed
    // run is 72 hours old. The late districts are not announced again.
    copyFileSync(returnOf(9), path.join(config.inbox, path.basename(returnOf(9))));
    writeFileSync(config.archive + '-file', '');
    const broken = { ...config, archive: config.archive + '-file' };
    const fourth = await night(broken, '2022-11-08T02:00:00+08:00');
    expect(fourth.result.status).toBe('failed');
    expect(fourth.wecom).toHaveLength(3);
    expect(fourth.wecom[0]).toMatch(
      /^【KPI仓库】夜间运行失败\n运行 run-\S+ 失败：\S+archive-file\/2022-09：路径中有一段不是文件夹。/,
    );
    // September's return changes October's month values: the bulletin written again is news.
    expect(fourth.wecom[1]).toMatch(/^【KPI仓库】2022年10月月报已生成/);
    expect(fourth.wecom[2]).toContain('数据仓库已72小时未更新（最近一次完成的运行：2022-11-05 02:0');
    expect(fourth.mails.map((m) => m.subject)).toEqual([
      '【KPI仓库】夜间运行失败',
      '【KPI仓库】2022年10月月报已生成',
      '【KPI仓库】数据仓库长时间未更新',
    ]);
    const failedRuns = await withWarehouse(config.db, { readOnly: true }, async ({ connection }) =>
      (
        await connection.runAndReadAll(`select count(*) from pipeline_run where status = 'failed'`)
      ).getRowsJS(),
    );
    expect(Number(failedRuns[0]![0])).toBe(1);
  }, 180_000);

  it('is never failed or held up by channels that do not answer', async () => {
    const config = deployment();
    const silent: Config = {
      ...config,
      alerts: {
        ...config.alerts,
        webhooks: [{ kind: 'wecom', url: hooks.url('/hang') }],
        email: { ...config.alerts.email!, port: 1 },
        timeout_s: 2,
      },
    };
    writeFileSync(path.join(config.inbox, '市北区2022年10月.xlsx'), 'this is not a workbook');
    const withAlerts = await night(silent, '2022-11-03T02:00:00+08:00');
    expect(withAlerts.result.status).toBe('completed');
    const failures = withAlerts.log.events.filter((e) => e.event === 'alert' && !e.ok);
    // Two events (rejected file, 催报) on two channels: all logged as not delivered.
    expect(failures).toHaveLength(4);
    // From the end of the run to the last channel given up: the 2 s budget, plus reading the
    // published warehouse for the deadline and staleness (slow on a busy machine), never the
    // minutes a hanging endpoint would take.
    const finished = withAlerts.log.events.findIndex((e) => e.event === 'run_finished');
    expect(finished).toBeGreaterThan(-1);
    expect(withAlerts.ended - withAlerts.times[finished]!).toBeLessThan(2000 + 3000);
  }, 180_000);
});
