/**
 * Sentences for ratios and reported rates: the rate, the target and 达到/低于/高于, with the gap in
 * 个百分点 computed from the printed rate (SPEC §4). A rate that misses its target never prints equal
 * to it: it gets more decimals ("92.97%，低于93%的目标0.03个百分点"). Met is the warehouse's verdict. Pure.
 */
import { Decimal } from 'decimal.js';
import { periodOf, ytdLabel } from '../../core/period.ts';
import { DEFAULT_PERCENT_PLACES, formatTargetPercent, roundHalfUp } from '../../figures/format-number.ts';
import type { IndicatorFigure } from './indicator-figure.ts';

/**
 * Decimals to print a rate with: `places`, or more (up to 4) while a rate that misses its target
 * would print as the target: 92.97 against 93 → 2.
 */
export function missPlaces(value: Decimal, target: Decimal, met: boolean | null, places: number): number {
  let p = places;
  while (met === false && p < 4 && new Decimal(roundHalfUp(value, p)).eq(target)) p++;
  return p;
}

/** "1-10月，全市" for a year-to-date ratio, "截至10月底，全市" for a ratio of levels, "10月，全市" for a rate. */
export function rateLead(figure: IndicatorFigure): string {
  const { indicator } = figure;
  const when =
    indicator.kind === 'ratio' && figure.componentKind === 'flow'
      ? ytdLabel(periodOf(figure.year, figure.month))
      : indicator.kind === 'ratio'
        ? `截至${figure.month}月底`
        : `${figure.month}月`;
  return `${when}，${figure.regionName}`;
}

/** A ratio or rate clause without its lead: "劳动人事争议案件结案率为91.8%，低于93%的目标1.2个百分点". */
export function rateClause(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const { indicator, value } = figure;
  if (value === null) return `${indicator.nameZh}暂无数据`;
  const w = figure.windows[0];
  const p = w ? missPlaces(value, w.target, w.met, places) : places;
  const shown = roundHalfUp(value, p);
  let text = `${indicator.nameZh}为${shown}%`;
  if (!w || w.met === null) return text;
  const target = formatTargetPercent(w.target);
  // The gap a reader computes: printed rate against the printed target.
  const gap = new Decimal(shown).minus(new Decimal(target.slice(0, -1))).abs();
  const gapShown = gap.isZero() ? '' : `${gap.toFixed(p)}个百分点`;
  if (indicator.direction === 'at_most') {
    text += w.met ? `，控制在${target}以内，达到目标` : `，高于${target}的控制目标${gapShown}，未达到目标`;
  } else {
    text += w.met ? `，达到${target}的目标` : `，低于${target}的目标${gapShown}`;
  }
  return text;
}

/** A ratio or rate sentence, without the closing punctuation. */
export function rateSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  return `${rateLead(figure)}${rateClause(figure, places)}`;
}
