/**
 * Lines on figures behind schedule or short of their target (慢于时序进度和未达到目标), for the city and
 * each district, worded as the text words them (same printed figures, same status function). Pure.
 */
import { figureStatus, isShortfall } from '../../figures/figure-status.ts';
import type { ReportData, ReportIndicator } from '../report-data.ts';
import type { BehindLines } from './bulletin.ts';
import { indicatorClause } from './indicator-sentence.ts';
import { indicatorFigure, type IndicatorFigure } from './indicator-figure.ts';

const short = (f: IndicatorFigure, places: number) =>
  isShortfall(figureStatus(f.indicator.kind, f.windows[0], { year: f.year, month: f.month, places }));

/** City lines ("实现城镇新增就业27.83万人，…") and district lines ("市北区：…；…"). */
export function behindLines(
  data: ReportData,
  indicators: readonly ReportIndicator[],
  places: number,
): BehindLines {
  const city = indicators.flatMap((i) => {
    const f = indicatorFigure(data, i, data.city.code);
    return short(f, places) ? [indicatorClause(f, places)] : [];
  });
  const districts = data.districts.flatMap((d) => {
    const items = indicators.flatMap((i) => {
      const f = indicatorFigure(data, i, d.code);
      return short(f, places) ? [indicatorClause(f, places)] : [];
    });
    return items.length ? [`${d.nameZh}：${items.join('；')}`] : [];
  });
  return { city, districts };
}
