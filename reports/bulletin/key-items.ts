/**
 * 一、重要指标完成情况 in seed 003's form: one themed item per category, "一是{headline}。" followed by
 * one sentence per kind of figure — cumulative figures under one "1-10月，全市" lead, levels grouped
 * with 分别达到, rates under their own lead. The headline states where the category's first targeted
 * figure stands (one status function for every output). Pure.
 */
import { figureStatus } from '../../figures/figure-status.ts';
import { formatPercent } from '../../figures/format-number.ts';
import { groupedLevels } from './grouped-levels.ts';
import { indicatorClause, indicatorLead } from './indicator-sentence.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import type { KeyItem } from './bulletin.ts';
import { windowLabel } from './window-label.ts';

/** 一是, 二是, … */
export const ITEM_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The headline of an item led by `figure`: "城镇新增就业快于时序进度", "劳动人事争议案件结案率低于目标". */
export function itemHeadline(figure: IndicatorFigure, places: number): string {
  const { indicator } = figure;
  const w = figure.windows[0];
  const name = indicator.nameZh;
  const status = figureStatus(indicator.kind, w, { year: figure.year, month: figure.month, places });
  const annual = w !== undefined && w.startYear === w.endYear;
  switch (status) {
    case 'ahead':
      return `${name}快于时序进度`;
    case 'level':
      return `${name}与时序进度持平`;
    case 'behind':
      return `${name}慢于时序进度`;
    case 'met':
      if (indicator.kind === 'ratio' || indicator.kind === 'rate') return `${name}达到目标`;
      return `${name}${w!.completionPct?.gt(100) ? '超额完成' : '完成'}${annual ? '全年任务' : '目标'}`;
    case 'missed':
      if (indicator.kind === 'ratio' || indicator.kind === 'rate') return `${name}未达到目标`;
      return `${name}未完成${annual ? '全年任务' : '目标'}`;
    case 'not_due':
      return `${name}完成${windowLabel(w!, figure.year, false)}的${formatPercent(w!.completionPct!, places)}`;
    case 'none':
      return name;
  }
}

/** The themed items of `figures` (the city's text indicators, catalogue order), one per category. */
export function keyItems(figures: readonly IndicatorFigure[], places: number): KeyItem[] {
  const categories = [...new Set(figures.map((f) => f.indicator.category))];
  return categories.flatMap((category) => {
    const mine = figures.filter((f) => f.indicator.category === category && f.value !== null);
    if (mine.length === 0) return [];
    const lead = mine.find((f) => f.windows.length > 0) ?? mine[0]!;
    const sentences: string[] = [];
    const byLead = new Map<string, IndicatorFigure[]>();
    for (const f of mine) {
      if (f.indicator.kind === 'stock') continue;
      const key = indicatorLead(f);
      byLead.set(key, [...(byLead.get(key) ?? []), f]);
    }
    const cumulative = [...byLead].filter(
      ([, fs]) => fs[0]!.indicator.kind !== 'ratio' && fs[0]!.indicator.kind !== 'rate',
    );
    const rates = [...byLead].filter(
      ([, fs]) => fs[0]!.indicator.kind === 'ratio' || fs[0]!.indicator.kind === 'rate',
    );
    for (const [text, fs] of cumulative)
      sentences.push(`${text}${fs.map((f) => indicatorClause(f, places)).join('；')}。`);
    const levels = groupedLevels(
      mine.filter((f) => f.indicator.kind === 'stock'),
      places,
    );
    if (levels) sentences.push(levels);
    for (const [text, fs] of rates)
      sentences.push(`${text}${fs.map((f) => indicatorClause(f, places)).join('；')}。`);
    return [{ headline: itemHeadline(lead, places), sentences }];
  });
}
