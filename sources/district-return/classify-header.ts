/**
 * What a column of a return holds, judged from its header words alone (never its position):
 * 本月 / 当月 / 本月完成 → the month's value; 累计 / 1-N月累计 / 累计完成 → year to date; "N月" → month N.
 */

export type ColumnRole =
  | { readonly kind: 'label' }
  | { readonly kind: 'unit' }
  | { readonly kind: 'target' }
  | { readonly kind: 'month' }
  | { readonly kind: 'ytd' }
  | { readonly kind: 'calendar_month'; readonly month: number }
  | { readonly kind: 'ignore' };

// Checked first: words that contain 累计 / 计划 / 本月 but mean something else.
const IGNORE =
  /完成率|完成年计划|完成全年|完成进度|时序|进度|占比|比重|同比|环比|增幅|增长|增减|上月|上年|去年|同期|备注|序号|排名|编号|代码/;
const MONTH = /^(本月|当月|本期)/;
const YTD = /累计|年初至今|^1[-－—~～至到]\d{1,2}月$/;
const TARGET = /目标|任务|计划/;
const UNIT = /^(计量)?单位$/;
const LABEL = /指标|项目|名称|内容/;
const CALENDAR_MONTH = /^(\d{1,2})月份?(?:完成|数)?$/;

/** The role a header text gives its column, or null when the text is not a known header. */
export function classifyHeader(text: string): ColumnRole | null {
  const t = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（][^()（）]*[)）]$/, '');
  if (t === '') return null;
  if (IGNORE.test(t)) return { kind: 'ignore' };
  const calendar = CALENDAR_MONTH.exec(t);
  if (calendar) {
    const month = Number(calendar[1]);
    if (month >= 1 && month <= 12) return { kind: 'calendar_month', month };
  }
  if (YTD.test(t)) return { kind: 'ytd' };
  if (MONTH.test(t)) return { kind: 'month' };
  if (TARGET.test(t)) return { kind: 'target' };
  if (UNIT.test(t)) return { kind: 'unit' };
  if (LABEL.test(t)) return { kind: 'label' };
  return null;
}
