/**
 * Sentences for stocks (时点型): the level at month end and 完成目标的x% (seed 003: "参保人数…达到
 * ***万人"), with 提前N个月完成 / 超额完成 once the level is reached. Pure.
 */
import { DEFAULT_PERCENT_PLACES, formatPercent, formatQuantity } from '../format-number.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { monthsAhead, windowLabel } from './window-label.ts';

/** A stock sentence, without the closing punctuation. */
export function stockSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const { indicator, value } = figure;
  const lead = `截至${figure.month}月底，${figure.regionName}${indicator.nameZh}`;
  if (value === null) return `${lead}暂无数据`;
  let text = `${lead}达到${formatQuantity(value, indicator.unit, indicator.displayUnit)}`;
  const w = figure.windows[0];
  if (!w || w.completionPct === null) return text;
  const label = windowLabel(w, figure.year, false);
  const target = formatQuantity(w.target, indicator.unit, indicator.displayUnit);
  text += `，完成${label}（${target}）的${formatPercent(w.completionPct, places)}`;
  if (w.met === true && w.firstMetMonth !== null) {
    const n = monthsAhead(w, figure.year, w.firstMetMonth);
    text += `，${n > 0 ? `提前${n}个月` : ''}${w.completionPct.gt(100) ? '超额完成' : '完成'}目标`;
  }
  return text;
}
