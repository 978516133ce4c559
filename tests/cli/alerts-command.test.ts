// @module-tag process
/**
 * `kpi alerts test` and `kpi run`'s alerts as real processes against a 企业微信/钉钉 receiver and an
 * SMTP server on 127.0.0.1: which channels answered, the exit code, and a run that fails before it
 * has a result still telling a person.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DINGTALK_SECRET, startMailbox, startWebhookReceiver } from '../helpers/alert-receivers.ts';
import { runKpi } from '../safety/kpi-process.ts';

let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  mailbox = await startMailbox();
});
afterAll(async () => {
  await hooks.close();
  await mailbox.close();
});

function deployment(alerts: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-alerts-cli-'));
  writeFileSync(path.join(dir, 'kpi.config.json'), JSON.stringify({ alerts }));
  return dir;
}

describe('kpi alerts test', () => {
  it('sends one test message to every channel and exits 0 when all answered', async () => {
    const dir = deployment({
      webhooks: [
        { kind: 'wecom', url: hooks.url('/wecom', '?key=k') },
        { kind: 'dingtalk', url: hooks.url('/dingtalk', '?access_token=t'), secret: DINGTALK_SECRET },
      ],
      email: { host: '127.0.0.1', port: mailbox.port, from: 'kpi@bureau.test', to: 'tongji@bureau.test' },
    });
    const before = hooks.posts.length;
    const result = await runKpi(['alerts', 'test'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `已送达  企业微信 127.0.0.1:${new URL(hooks.base).port} #1\n已送达  钉钉 127.0.0.1:${new URL(hooks.base).port} #2\n已送达  邮件 tongji@bureau.test\n`,
    );
    const posts = hooks.posts.slice(before);
    expect(posts.map((p) => p.path)).toEqual(['/wecom', '/dingtalk']);
    expect(posts[1]!.signed).toBe(true);
    expect(posts[0]!.body.text.content).toMatch(/^【KPI仓库】告警测试\n这是一条测试消息/);
    expect(mailbox.mails.at(-1)!.subject).toBe('【KPI仓库】告警测试');
  });

  it('says which channel did not answer and exits 1', async () => {
    const dir = deployment({
      webhooks: [
        { kind: 'wecom', url: hooks.url('/wecom') },
        { kind: 'generic', url: hooks.url('/down') },
      ],
      timeout_s: 2,
    });
    const result = await runKpi(['alerts', 'test', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ ok: true, attempts: 1 }),
      expect.objectContaining({ ok: false, attempts: 3, error: expect.stringContaining('HTTP 500') }),
    ]);
    expect(result.stderr).toBe('kpi: 1个告警通道未送达，共2个\n');
  });

  it('says there is nothing to test when the config has no channel', async () => {
    const result = await runKpi(['alerts', 'test'], { cwd: deployment({}) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kpi: 配置中没有告警通道/);
  });
});

describe('kpi run', () => {
  it('announces a run that fails before it has a result: the warehouse is not DuckDB', async () => {
    const dir = deployment({ webhooks: [{ kind: 'generic', url: hooks.url('/generic') }] });
    writeFileSync(path.join(dir, 'kpi.duckdb'), 'not a warehouse');
    const before = hooks.posts.length;
    const result = await runKpi(['run'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('不是DuckDB仓库文件');
    const told = hooks.posts.slice(before).map((p) => p.body);
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'run_failed',
        title: '【KPI仓库】夜间运行失败',
        text: expect.stringContaining(`运行失败：${path.join(dir, 'kpi.duckdb')} 不是DuckDB仓库文件`),
      }),
    ]);
  });
});
