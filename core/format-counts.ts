/**
 * A file's accounting (`FileCounts`) as a person reads it, in Chinese: how many cells (a return) or
 * rows (an export) were read, stored, not reported and left out, and why. Reason codes stay English
 * in JSON; this is the one place that names them.
 */
import type { FileCounts } from './file-counts.ts';

/** Each reason a value cell or row is left out, as a person reads it. */
const LEFT_OUT_ZH: Readonly<Record<string, string>> = {
  // A return's value cells.
  unknown_label: '未知指标',
  non_numeric: '非数字',
  formula_without_result: '公式无结果',
  repeated: '重复填报',
  duplicate_indicator: '重复且不同',
  level_ambiguous: '本月与累计时点数不同',
  after_report_month: '报告期之后的月份',
  rejected: '因文件被退回',
  // An export's rows.
  date_out_of_window: '日期不在合理期间',
  invalid_id_number: '公民身份号码无效',
  id_number_mangled: '公民身份号码被Excel改动',
  not_selected: '不属于统计范围',
  repeat_person: '人员此前已计数',
  malformed_row: '列数不符',
  unknown_region: '未知地区',
  invalid_date: '日期无效',
  non_numeric_value: '非数字',
  negative_value: '负数',
  file_rejected: '因文件被退回',
};

/** The name of a left-out reason for people; an unknown code is shown as it is. */
export function leftOutReason(code: string): string {
  return LEFT_OUT_ZH[code] ?? code;
}

/**
 * One line for `counts`, in the unit of what was read (个 value cells of a return, 行 rows of an
 * export); null when nothing was read.
 *
 * @example
 * formatCounts({ read: 12, stored: 9, not_reported: 2, left_out: { unknown_label: 1 } }, '个');
 * // '读取12个，入库9个，未填报2个，未入库：未知指标1个'
 */
export function formatCounts(counts: FileCounts, unit: '个' | '行'): string | null {
  const { read, stored, not_reported, left_out } = counts;
  if (read === 0) return null;
  const left = Object.entries(left_out).map(([reason, n]) => `${leftOutReason(reason)}${n}${unit}`);
  return (
    `读取${read}${unit}，入库${stored}${unit}，未填报${not_reported}${unit}` +
    (left.length > 0 ? `，未入库：${left.join('、')}` : '')
  );
}
