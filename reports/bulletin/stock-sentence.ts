/**
 * Sentences for stocks (时点型): the level at month end and 完成目标的x% (seed 003: "参保人数…达到
 * ***万人"), with 提前N个月完成 / 超额完成 once the level is reached, and 未完成 with what is short once it
 * is due. Pure.
 */
import { dueMonth, isDue } from '../../figures/figure-status.ts';
import { DEFAULT_PERCENT_PLACES, formatPercent, formatQuantity } from '../../figures/format-number.ts';
import { printedQuantity, printedText } from '../../figures/printed-quantity.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { monthsAhead, windowLabel } from './window-label.ts';

/** "截至10月底，全市". */
export function stockLead(figure: IndicatorFigure): string {
  return `截至${figure.month}月底，${figure.regionName}`;
}

/** The completion part of a stock clause: "，完成2023年目标的82.1%" (empty without a target). */
export function stockProgress(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const w = figure.windows[0];
  if (!w || w.completionPct === null) return '';
  const label = windowLabel(w, figure.year, false);
  let text = `，完成${label}的${formatPercent(w.completionPct, places)}`;
  if (w.met === true && w.firstMetMonth !== null) {
    const n = monthsAhead(w, figure.year, w.firstMetMonth);
    text += `，${n > 0 ? `提前${n}个月` : ''}${w.completionPct.gt(100) ? '超额完成' : '完成'}目标`;
  } else if (isDue(dueMonth(w), figure.year, figure.month)) {
    text += '，未完成目标';
    // 差 is the printed target minus the printed level, in the sentence's unit (SPEC §4), as for flows.
    const { indicator } = figure;
    if (w.actual !== null && indicator.direction === 'at_least') {
      const actual = printedQuantity(w.actual, indicator.unit, indicator.displayUnit);
      const target = printedQuantity(w.target, indicator.unit, indicator.displayUnit, w.actual);
      const short = { ...actual, number: target.number.minus(actual.number) };
      if (short.number.gt(0)) text += `，差${printedText(short)}`;
    }
  }
  return text;
}

/** A stock clause without its lead: "失业保险参保人数达到225.05万人，完成2023年目标的82.1%". */
export function stockClause(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const { indicator, value } = figure;
  if (value === null) return `${indicator.nameZh}暂无数据`;
  return `${indicator.nameZh}达到${formatQuantity(value, indicator.unit, indicator.displayUnit)}${stockProgress(figure, places)}`;
}

/** A stock sentence, without the closing punctuation. */
export function stockSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  return `${stockLead(figure)}${stockClause(figure, places)}`;
}
