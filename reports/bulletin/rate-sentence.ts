/**
 * Sentences for ratios and reported rates: the rate, the target and 达到/未达到, with the gap in
 * 个百分点 ("控制在5.5%以内" for a ceiling). Met is the warehouse's exact verdict. Pure.
 */
import { Decimal } from 'decimal.js';
import {
  DEFAULT_PERCENT_PLACES,
  formatPercent,
  formatPp,
  formatTargetPercent,
  ytdLabel,
} from '../format-number.ts';
import type { IndicatorFigure } from './indicator-figure.ts';

/** A ratio or rate sentence, without the closing punctuation. */
export function rateSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const { indicator, value } = figure;
  const when =
    indicator.kind === 'ratio' && figure.componentKind === 'flow'
      ? ytdLabel(figure.month)
      : indicator.kind === 'ratio'
        ? `截至${figure.month}月底`
        : `${figure.month}月`;
  const lead = `${when}，${figure.regionName}${indicator.nameZh}`;
  if (value === null) return `${lead}暂无数据`;
  let text = `${lead}为${formatPercent(value, places)}`;
  const w = figure.windows[0];
  if (!w || w.met === null) return text;
  const target = formatTargetPercent(w.target);
  const gap = new Decimal(value).minus(w.target).abs();
  const gapShown = new Decimal(formatPp(gap, places)).isZero() ? '' : `${formatPp(gap, places)}个百分点`;
  if (indicator.direction === 'at_most') {
    text += w.met ? `，控制在${target}以内，达到目标` : `，高于${target}的控制目标${gapShown}，未达到目标`;
  } else {
    text += w.met ? `，达到${target}的目标` : `，未达到${target}的目标${gapShown ? `，低${gapShown}` : ''}`;
  }
  return text;
}
