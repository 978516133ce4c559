/**
 * Seed 003's combined sentence for levels that share a name: "截至10月底，全市失业、工伤保险参保人数分别
 * 达到225.05万人和300.10万人", then each one's progress against its target. Pure.
 */
import { DEFAULT_PERCENT_PLACES, formatQuantity } from '../format-number.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { stockClause, stockLead, stockProgress } from './stock-sentence.ts';

/** "甲、乙和丙" */
export function joinZh(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
}

/** The longest common ending of `names` that starts at a word a reader can share (…保险参保人数, …参保人数). */
function sharedEnding(names: readonly string[]): string {
  let n = 0;
  const shortest = Math.min(...names.map((s) => s.length));
  while (n < shortest && new Set(names.map((s) => s[s.length - 1 - n])).size === 1) n++;
  const ending = names[0]!.slice(names[0]!.length - n);
  // Share 保险参保人数 rather than 险参保人数: start the ending at a known word.
  const word = ['保险参保人数', '参保人数', '人数'].find((w) => ending.endsWith(w));
  return word ?? '';
}

/**
 * One sentence for `figures` (levels of one month and region): grouped with 分别达到 when two or more
 * share a name ending, otherwise one sentence each joined by "；". Ends with 。
 */
export function groupedLevels(
  figures: readonly IndicatorFigure[],
  places = DEFAULT_PERCENT_PLACES.sentence,
): string {
  const shown = figures.filter((f) => f.value !== null);
  if (shown.length === 0) return '';
  const ending = shown.length >= 2 ? sharedEnding(shown.map((f) => f.indicator.nameZh)) : '';
  if (!ending) return `${stockLead(shown[0]!)}${shown.map((f) => stockClause(f, places)).join('；')}。`;
  const stems = shown.map((f) => f.indicator.nameZh.slice(0, -ending.length));
  const values = shown.map((f) => formatQuantity(f.value!, f.indicator.unit, f.indicator.displayUnit));
  const progress = shown.flatMap((f) => {
    const p = stockProgress(f, places);
    return p ? [`${f.indicator.nameZh}${p.slice(1)}`] : [];
  });
  return `${stockLead(shown[0]!)}${joinZh(stems)}${ending}分别达到${joinZh(values)}${progress.length ? `；其中${progress.join('；')}` : ''}。`;
}
