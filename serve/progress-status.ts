/**
 * The colour a completion figure gets on the board, judged on the figure as displayed (two
 * decimals, as in tables), so the colour never contradicts the number beside it.
 */
import { scheduleStatus } from '../reports/format-number.ts';

/** met · ahead · level · behind (flows against 时序进度); not_met (a ratio or rate short of target); none. */
export type ProgressStatus = 'met' | 'ahead' | 'level' | 'behind' | 'not_met' | 'none';

/** Chinese words for each status. */
export const PROGRESS_STATUS_LABELS: Readonly<Record<ProgressStatus, string>> = {
  met: '已完成目标',
  ahead: '快于时序进度',
  level: '与时序进度持平',
  behind: '慢于时序进度',
  not_met: '未达到目标',
  none: '无时序进度',
};

/** The status of one `completion` row of an indicator of `kind`. */
export function progressStatus(
  kind: string,
  figure: { readonly met: boolean | null; readonly aheadPp: string | null },
): ProgressStatus {
  if (figure.met === true) return 'met';
  if (kind === 'ratio' || kind === 'rate') return figure.met === false ? 'not_met' : 'none';
  if (figure.aheadPp === null) return 'none';
  return scheduleStatus(figure.aheadPp, 2);
}
