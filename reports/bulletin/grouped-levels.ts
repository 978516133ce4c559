/**
 * Seed 003's combined sentence for levels that share a name: "截至10月底，全市失业、工伤保险参保人数分别
 * 达到225.05万人和300.10万人", then each one's progress against its target. Pure.
 */
import { DEFAULT_PERCENT_PLACES, formatQuantity } from '../../figures/format-number.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { stockClause, stockLead, stockProgress } from './stock-sentence.ts';

/** "甲、乙和丙" */
export function joinZh(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
}

/** Name endings levels are grouped by, the most specific first (…保险参保人数 before …参保人数). */
const ENDINGS = ['保险参保人数', '参保人数', '持卡人数'];

/**
 * One sentence for `figures` (levels of one month and region): those sharing a name ending (…保险参保
 * 人数) grouped with 分别达到, then the others, joined by "；". Ends with 。
 */
export function groupedLevels(
  figures: readonly IndicatorFigure[],
  places = DEFAULT_PERCENT_PLACES.sentence,
): string {
  const shown = figures.filter((f) => f.value !== null);
  if (shown.length === 0) return '';
  const ending = ENDINGS.find((e) => shown.filter((f) => f.indicator.nameZh.endsWith(e)).length >= 2);
  const group = ending ? shown.filter((f) => f.indicator.nameZh.endsWith(ending)) : [];
  const rest = shown.filter((f) => !group.includes(f)).map((f) => stockClause(f, places));
  const parts: string[] = [];
  if (ending) {
    const stems = group.map((f) => f.indicator.nameZh.slice(0, -ending.length));
    const values = group.map((f) => formatQuantity(f.value!, f.indicator.unit, f.indicator.displayUnit));
    const progress = group.flatMap((f) => {
      const p = stockProgress(f, places);
      return p ? [`${f.indicator.nameZh}${p.slice(1)}`] : [];
    });
    parts.push(
      `${joinZh(stems)}${ending}分别达到${joinZh(values)}${progress.length ? `，其中${progress.join('，')}` : ''}`,
    );
  }
  return `${stockLead(shown[0]!)}${[...parts, ...rest].join('；')}。`;
}
