/**
 * Sentences for flows and net changes (seed 003): "1-10月，全市实现城镇新增就业31.20万人，完成年计划的
 * 89.1%，快于时序进度5.8个百分点", or "提前N个月超额完成全年任务" once the target is met. Pure.
 */
import {
  DEFAULT_PERCENT_PLACES,
  describeSchedule,
  formatPercent,
  formatQuantity,
  ytdLabel,
} from '../format-number.ts';
import type { IndicatorFigure, WindowFigure } from './indicator-figure.ts';
import { monthsAhead, windowLabel } from './window-label.ts';

/**
 * The subject and verb of a flow: a name without a counting suffix takes 实现 (实现城镇新增就业);
 * 人数/人次/数/量 are dropped because the unit says it (见习实习人数 → 见习实习1.52万人).
 */
export function flowSubject(nameZh: string): string {
  const stripped = nameZh.replace(/(人数|人次|数|量)$/, '');
  return stripped === nameZh ? `实现${nameZh}` : stripped;
}

function progressClause(figure: IndicatorFigure, w: WindowFigure, places: number): string {
  if (w.completionPct === null) return '';
  const label = windowLabel(w, figure.year, true);
  const done = `完成${label}的${formatPercent(w.completionPct, places)}`;
  if (w.met === true && w.firstMetMonth !== null) {
    const n = monthsAhead(w, figure.year, w.firstMetMonth);
    const what = w.startYear === w.endYear ? '全年任务' : label;
    const over = w.completionPct.gt(100) ? '超额完成' : '完成';
    return `，${done}，${n > 0 ? `提前${n}个月` : ''}${over}${what}`;
  }
  return w.aheadPp === null ? `，${done}` : `，${done}，${describeSchedule(w.aheadPp, places)}`;
}

/** A flow or net change sentence, without the closing punctuation. */
export function flowSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const { indicator, value } = figure;
  const lead = `${ytdLabel(figure.month)}，${figure.regionName}`;
  if (value === null) return `${lead}${indicator.nameZh}暂无数据`;
  let subject: string;
  if (indicator.kind === 'net_change') {
    const base = indicator.nameZh.replace(/净增$/, '');
    const word = value.isNegative() ? '净减少' : '净增';
    subject = `${base}${word}${formatQuantity(value.abs(), indicator.unit, indicator.displayUnit)}`;
  } else {
    subject = `${flowSubject(indicator.nameZh)}${formatQuantity(value, indicator.unit, indicator.displayUnit)}`;
  }
  let text = `${lead}${subject}`;
  figure.windows.forEach((w, k) => {
    if (w.startYear === w.endYear) {
      if (k === 0) text += progressClause(figure, w, places);
      return;
    }
    // A multi-year window counts from its first year; unknown when an earlier December is missing.
    if (w.actual === null) return;
    const total = formatQuantity(w.actual, indicator.unit, indicator.displayUnit);
    text += `${k === 0 ? '，' : '；'}${w.startYear}年以来累计${total}${progressClause(figure, w, places)}`;
  });
  return text;
}
