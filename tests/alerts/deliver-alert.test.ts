/**
 * Alerts reach real endpoints on 127.0.0.1: a 企业微信 robot, a 钉钉 robot that checks the signature,
 * a generic JSON endpoint and an SMTP mailbox; failing and hanging channels are retried and bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertChannels } from '../../alerts/alert-channel.ts';
import { deliverAlert } from '../../alerts/deliver-alert.ts';
import { formatAlert } from '../../alerts/format-alert.ts';
import { configSchema, type Config } from '../../core/config.ts';
import { DINGTALK_SECRET, startMailbox, startWebhookReceiver } from '../helpers/alert-receivers.ts';

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

function alertsConfig(alerts: unknown): Config['alerts'] {
  return configSchema.parse({ alerts }).alerts;
}

const late = formatAlert({
  kind: 'returns_late',
  period: '2022-10',
  deadline: '2022-11-05',
  districts: [
    { code: '370202', name: '市南区' },
    { code: '370212', name: '崂山区' },
  ],
});

describe('deliverAlert', () => {
  it('reaches 企业微信, a signed 钉钉, a generic endpoint and a mailbox, in Chinese', async () => {
    const alerts = alertsConfig({
      webhooks: [
        { kind: 'wecom', url: hooks.url('/wecom', '?key=abc') },
        { kind: 'dingtalk', url: hooks.url('/dingtalk', '?access_token=tok'), secret: DINGTALK_SECRET },
        { kind: 'generic', url: hooks.url('/generic') },
      ],
      email: { host: '127.0.0.1', port: mailbox.port, from: 'kpi@bureau.test', to: ['tongji@bureau.test'] },
    });
    const results = await deliverAlert(late, alertChannels(alerts), {
      fetch,
      now: () => new Date(),
      budgetMs: 5000,
    });
    expect(results.map((r) => [r.ok, r.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 1],
      [true, 1],
    ]);
    // Labels name kind and host, never the robot's key or token.
    expect(results.map((r) => r.channel).join(' ')).not.toMatch(/abc|tok|SEC/);

    const wecom = hooks.posts.find((p) => p.path === '/wecom')!;
    expect(wecom.query.get('key')).toBe('abc');
    expect(wecom.body).toEqual({
      msgtype: 'text',
      text: {
        content:
          '【KPI仓库】2022年10月报表逾期未报：2个区市\n2022年10月的区市报表已于2022-11-05截止，尚未报送：市南区、崂山区。请联系以上区市尽快报送。',
      },
    });
    const dingtalk = hooks.posts.find((p) => p.path === '/dingtalk')!;
    expect(dingtalk.signed).toBe(true);
    expect(dingtalk.query.get('access_token')).toBe('tok');
    expect(dingtalk.body.text.content).toContain('崂山区');
    const generic = hooks.posts.find((p) => p.path === '/generic')!;
    expect(generic.body).toMatchObject({ kind: 'returns_late', title: late.title, text: late.text });

    expect(mailbox.mails).toHaveLength(1);
    expect(mailbox.mails[0]).toMatchObject({
      from: 'kpi@bureau.test',
      to: ['tongji@bureau.test'],
      subject: late.title,
      text: late.text,
    });
  });

  it('is refused by 钉钉 when the secret is wrong, and says so', async () => {
    const alerts = alertsConfig({
      webhooks: [{ kind: 'dingtalk', url: hooks.url('/dingtalk'), secret: 'not-the-secret' }],
    });
    const [result] = await deliverAlert(late, alertChannels(alerts), {
      fetch,
      now: () => new Date(),
      budgetMs: 3000,
    });
    expect(result).toMatchObject({ ok: false, error: 'errcode 310000: sign not match' });
    expect(hooks.posts.filter((p) => p.path === '/dingtalk').at(-1)!.signed).toBe(false);
  });

  it('retries a failing channel with backoff and takes the third answer', async () => {
    const alerts = alertsConfig({ webhooks: [{ kind: 'wecom', url: hooks.url('/flaky') }] });
    const started = performance.now();
    const [result] = await deliverAlert(late, alertChannels(alerts), {
      fetch,
      now: () => new Date(),
      budgetMs: 5000,
    });
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    // 200 ms and 400 ms of backoff between the three tries.
    expect(performance.now() - started).toBeGreaterThanOrEqual(580);
  });

  it('never takes longer than its budget, whatever the channels do', async () => {
    const alerts = alertsConfig({
      webhooks: [
        { kind: 'wecom', url: hooks.url('/hang') },
        { kind: 'generic', url: hooks.url('/down') },
        { kind: 'wecom', url: hooks.url('/wecom') },
      ],
      // Nothing listens on port 1: the connection is refused at once, three times.
      email: { host: '127.0.0.1', port: 1, from: 'kpi@bureau.test', to: 'tongji@bureau.test' },
    });
    const started = performance.now();
    const results = await deliverAlert(late, alertChannels(alerts), {
      fetch,
      now: () => new Date(),
      budgetMs: 1500,
    });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1500 + 300);
    expect(results.map((r) => r.ok)).toEqual([false, false, true, false]);
    expect(results[0]!.error).toMatch(/no answer within/);
    expect(results[0]!.attempts).toBe(2);
    expect(results[1]).toMatchObject({ attempts: 3, error: expect.stringContaining('HTTP 500') });
    expect(results[3]).toMatchObject({ attempts: 3, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
