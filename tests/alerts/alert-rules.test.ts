/**
 * The pure rules of alerts: the 钉钉 signature, the Chinese messages (no ID in clear), when 催报 and
 * late notices are due, and what counts as news the second night.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../alerts/alert-event.ts';
import { dedupeAlerts } from '../../alerts/dedupe-alerts.ts';
import { formatAlert } from '../../alerts/format-alert.ts';
import { returnsDeadlineEvent } from '../../alerts/returns-deadline-event.ts';
import { signDingtalkUrl } from '../../alerts/sign-dingtalk-url.ts';

const SHINAN = { code: '370202', name: '市南区' };
const LAOSHAN = { code: '370212', name: '崂山区' };

describe('signDingtalkUrl', () => {
  it('adds timestamp and the URL-encoded Base64 HMAC of timestamp + "\\n" + secret', () => {
    const signed = new URL(
      signDingtalkUrl(
        'https://oapi.dingtalk.com/robot/send?access_token=T',
        'SECabc',
        new Date(1_700_000_000_000),
      ),
    );
    const expected = createHmac('sha256', 'SECabc').update('1700000000000\nSECabc').digest('base64');
    expect(signed.searchParams.get('access_token')).toBe('T');
    expect(signed.searchParams.get('timestamp')).toBe('1700000000000');
    expect(signed.searchParams.get('sign')).toBe(expected);
    // As DingTalk's urlencode: no raw '+', '/' or '=' of the Base64 left in the query.
    expect(signed.search).not.toMatch(/sign=[^&]*[+/=]/);
  });
});

describe('formatAlert', () => {
  it('names the rejected files with their first reason and masks any ID quoted in it', () => {
    const message = formatAlert({
      kind: 'files_rejected',
      files: [{ name: '就业登记明细2022-01.csv', reason: '第3行登记日期“370202199001011234”不是日期' }],
    });
    expect(message.title).toBe('【KPI仓库】1个文件被拒收');
    expect(message.text).toContain('· 就业登记明细2022-01.csv：第3行登记日期“370202********1234”不是日期');
    expect(message.text).not.toContain('370202199001011234');
  });

  it('lists five rejected files and counts the rest', () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}.xlsx`, reason: '文件无法读取' }));
    const { text } = formatAlert({ kind: 'files_rejected', files });
    expect(text.split('\n').filter((l) => l.startsWith('·'))).toHaveLength(5);
    expect(text).toContain('另有2个文件被拒收');
  });

  it('says every event in Chinese', () => {
    const events: AlertEvent[] = [
      { kind: 'run_failed', runId: 'run-1', reason: '/data/archive：磁盘已满' },
      { kind: 'returns_due', period: '2022-10', deadline: '2022-11-05', daysLeft: 2, districts: [SHINAN] },
      { kind: 'warehouse_stale', lastCompleted: '2022-11-04 02:03', hours: 52.5, limitHours: 36 },
      {
        kind: 'bulletin_written',
        period: '2022-10',
        title: '2022年10月全市人社主要指标',
        files: ['r/b.md'],
        digest: 'x',
      },
      { kind: 'test', at: '2022-11-06T00:00:00.000Z' },
    ];
    expect(events.map((e) => formatAlert(e).text)).toEqual([
      '运行 run-1 失败：/data/archive：磁盘已满。已发布的仓库保持原样，收件箱中的文件保留，问题排除后下次运行会继续处理。',
      '2022年10月的区市报表将于2022-11-05截止（还有2天），尚未报送：市南区。',
      '数据仓库已52小时未更新（最近一次完成的运行：2022-11-04 02:03，超过36小时即提醒）。请检查夜间运行。',
      '《2022年10月全市人社主要指标》已生成：r/b.md',
      '这是一条测试消息（2022-11-06T00:00:00.000Z）：收到即说明此告警通道工作正常。',
    ]);
  });
});

describe('returnsDeadlineEvent', () => {
  const at = (today: string) =>
    returnsDeadlineEvent({ today, deadlineDay: 5, reminderDays: 2, missing: [SHINAN, LAOSHAN] });

  it('is quiet until the reminder days, reminds before the deadline, and is late from the deadline day on', () => {
    expect(at('2022-11-02')).toBeNull();
    expect(at('2022-11-03')).toMatchObject({ kind: 'returns_due', period: '2022-10', daysLeft: 2 });
    expect(at('2022-11-04')).toMatchObject({ kind: 'returns_due', daysLeft: 1 });
    expect(at('2022-11-05')).toMatchObject({
      kind: 'returns_late',
      period: '2022-10',
      deadline: '2022-11-05',
    });
    expect(at('2022-11-28')).toMatchObject({ kind: 'returns_late' });
    // January's deadline is for December of the year before.
    expect(at('2023-01-06')).toMatchObject({
      kind: 'returns_late',
      period: '2022-12',
      deadline: '2023-01-05',
    });
  });

  it('says nothing when every return is in', () => {
    expect(
      returnsDeadlineEvent({ today: '2022-11-06', deadlineDay: 5, reminderDays: 2, missing: [] }),
    ).toBeNull();
  });
});

describe('dedupeAlerts', () => {
  const late: AlertEvent = {
    kind: 'returns_late',
    period: '2022-10',
    deadline: '2022-11-05',
    districts: [SHINAN, LAOSHAN],
  };

  it('announces a late district once, and a newly late one the next night', () => {
    const first = dedupeAlerts([late], {}, { today: '2022-11-05', repeatLate: false });
    expect(first[0]!.keys).toEqual(['late:2022-10:370202', 'late:2022-10:370212']);
    const ledger = { 'late:2022-10:370202': '2022-11-05T00:00:00Z' };
    const second = dedupeAlerts([late], ledger, { today: '2022-11-06', repeatLate: false });
    expect(second).toEqual([{ event: { ...late, districts: [LAOSHAN] }, keys: ['late:2022-10:370212'] }]);
    const all = Object.fromEntries(first[0]!.keys.map((k) => [k, '2022-11-05T00:00:00Z']));
    expect(dedupeAlerts([late], all, { today: '2022-11-06', repeatLate: false })).toEqual([]);
  });

  it('repeats late districts every night when the config asks', () => {
    const ledger = { 'late:2022-10:370202:2022-11-05': 'x', 'late:2022-10:370212:2022-11-05': 'x' };
    expect(dedupeAlerts([late], ledger, { today: '2022-11-05', repeatLate: true })).toEqual([]);
    expect(dedupeAlerts([late], ledger, { today: '2022-11-06', repeatLate: true })[0]!.event).toEqual(late);
  });

  it('always passes failures and rejections; a bulletin only when its content changed', () => {
    const failed: AlertEvent = { kind: 'run_failed', runId: 'r', reason: 'x' };
    const bulletin: AlertEvent = {
      kind: 'bulletin_written',
      period: '2022-10',
      title: 't',
      files: [],
      digest: 'd1',
    };
    const ledger = { 'bulletin:2022-10:d1': 'x' };
    expect(dedupeAlerts([failed, bulletin], ledger, { today: '2022-11-06', repeatLate: false })).toEqual([
      { event: failed, keys: [] },
    ]);
    expect(
      dedupeAlerts([{ ...bulletin, digest: 'd2' }], ledger, { today: '2022-11-06', repeatLate: false }),
    ).toHaveLength(1);
  });
});
