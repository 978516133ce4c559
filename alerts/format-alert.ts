/**
 * The one formatter of alerts: each event in short Chinese, naming districts and files, with every
 * quoted text passed through `maskNationalIds` so no national ID reaches a group chat or a mailbox.
 */
import { maskNationalIds } from '../core/mask-national-ids.ts';
import { periodLabel } from '../core/period.ts';
import type { AlertEvent, AlertMessage } from './alert-event.ts';

/** At most this many files are listed in one message; the rest are counted. */
const MAX_FILES = 5;

const names = (districts: readonly { name: string }[]) => districts.map((d) => d.name).join('、');
const month = periodLabel;

/**
 * The Chinese title and text of an event.
 *
 * @example
 * formatAlert({ kind: 'returns_late', period: '2022-10', deadline: '2022-11-05',
 *   districts: [{ code: '370202', name: '市南区' }] }).text
 * // '2022年10月的区市报表已于2022-11-05截止，尚未报送：市南区。请联系以上区市尽快报送。'
 */
export function formatAlert(event: AlertEvent): AlertMessage {
  const [title, text] = titleAndText(event);
  return { kind: event.kind, title: `【KPI仓库】${maskNationalIds(title)}`, text: maskNationalIds(text) };
}

function titleAndText(event: AlertEvent): [string, string] {
  switch (event.kind) {
    case 'run_failed':
      return [
        '夜间运行失败',
        `运行${event.runId ? ` ${event.runId} ` : ''}失败：${event.reason}。已发布的仓库保持原样，收件箱中的文件保留，问题排除后下次运行会继续处理。`,
      ];
    case 'files_rejected': {
      const shown = event.files.slice(0, MAX_FILES).map((f) => `· ${f.name}：${f.reason}`);
      const more =
        event.files.length > MAX_FILES ? [`另有${event.files.length - MAX_FILES}个文件被拒收。`] : [];
      return [
        `${event.files.length}个文件被拒收`,
        [...shown, ...more, '被拒收的文件及全部原因在 rejected 文件夹中（同名 .errors.txt）。'].join('\n'),
      ];
    }
    case 'returns_due':
      return [
        `催报：${month(event.period)}报表${event.daysLeft}天后截止`,
        `${month(event.period)}的区市报表将于${event.deadline}截止（还有${event.daysLeft}天），尚未报送：${names(event.districts)}。`,
      ];
    case 'returns_late':
      return [
        `${month(event.period)}报表逾期未报：${event.districts.length}个区市`,
        `${month(event.period)}的区市报表已于${event.deadline}截止，尚未报送：${names(event.districts)}。请联系以上区市尽快报送。`,
      ];
    case 'warehouse_stale':
      return [
        '数据仓库长时间未更新',
        `数据仓库已${Math.floor(event.hours)}小时未更新（最近一次完成的运行：${event.lastCompleted}，超过${event.limitHours}小时即提醒）。请检查夜间运行。`,
      ];
    case 'bulletin_written':
      return [
        `${periodLabel(event.period)}月报已生成`,
        `《${event.title}》已生成：${event.files.join('、')}`,
      ];
    case 'test':
      return ['告警测试', `这是一条测试消息（${event.at}）：收到即说明此告警通道工作正常。`];
  }
}
