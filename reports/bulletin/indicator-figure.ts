/**
 * One indicator's figures for one region and month, gathered for a sentence: the value, and each
 * target window covering the month with the month it was first met (and the province's target of
 * the window beside the city's own). Pure, from `ReportData`.
 */
import type { Decimal } from 'decimal.js';
import type { CompletionFigure } from '../../figures/completion-figure.ts';
import type { ReportData, ReportIndicator } from '../report-data.ts';

/** A target window's progress, with the first month of the year in which the target was met. */
export interface WindowFigure extends CompletionFigure {
  /** First month (1–12) of the report year whose figure met the target, if it is met now. */
  readonly firstMetMonth: number | null;
  /** The province's target of the same window (省下达任务) where the city also set its own (市定), which this is. */
  readonly provincial?: WindowFigure;
}

export interface IndicatorFigure {
  readonly indicator: ReportIndicator;
  /** How the region is named in a sentence: 全市, or a district's name. */
  readonly regionName: string;
  readonly year: number;
  readonly month: number;
  readonly value: Decimal | null;
  /** Ratios: whether the components are flows (a year-to-date rate) or stocks (a rate at month end). */
  readonly componentKind: 'flow' | 'level';
  /** The annual window first, then multi-year windows by start year. */
  readonly windows: readonly WindowFigure[];
}

/** Order of windows in a sentence: the report year's own target first. */
export function compareWindows(year: number) {
  return (a: CompletionFigure, b: CompletionFigure): number => {
    const annualA = a.startYear === year && a.endYear === year ? 0 : 1;
    const annualB = b.startYear === year && b.endYear === year ? 0 : 1;
    return annualA - annualB || a.startYear - b.startYear || a.endYear - b.endYear;
  };
}

/** The figure of `indicator` for `regionCode` in the report month (city history gives 提前完成). */
export function indicatorFigure(
  data: ReportData,
  indicator: ReportIndicator,
  regionCode: string,
): IndicatorFigure {
  const isCity = regionCode === data.city.code;
  const observation = data.observations.find(
    (o) => o.indicatorCode === indicator.code && o.regionCode === regionCode,
  );
  const numerator = data.indicators.find((i) => i.code === indicator.numeratorCode);
  const sameWindow = (w: CompletionFigure) => (h: CompletionFigure) =>
    h.indicatorCode === w.indicatorCode && h.startYear === w.startYear && h.endYear === w.endYear;
  // The first month from which the target stayed met up to the report month (districts: no history).
  const withFirstMet = (w: CompletionFigure, cityHistory: readonly CompletionFigure[]): WindowFigure => {
    if (w.met !== true || !isCity) return { ...w, firstMetMonth: w.met === true ? data.month : null };
    const history = cityHistory.filter(sameWindow(w));
    let first = data.month;
    for (let m = data.month - 1; m >= 1; m--) {
      if (history.find((h) => h.month === m)?.met !== true) break;
      first = m;
    }
    return { ...w, firstMetMonth: first };
  };
  const mine = (c: CompletionFigure) => c.indicatorCode === indicator.code && c.regionCode === regionCode;
  const provincial = data.provincialCompletions.filter(mine);
  const windows = data.completions
    .filter(mine)
    .sort(compareWindows(data.year))
    .map((w): WindowFigure => {
      const figure = withFirstMet(w, data.cityHistory);
      const p = provincial.find(sameWindow(w));
      return p ? { ...figure, provincial: withFirstMet(p, data.provincialCityHistory) } : figure;
    });
  return {
    indicator,
    regionName: isCity ? '全市' : (data.districts.find((d) => d.code === regionCode)?.nameZh ?? regionCode),
    year: data.year,
    month: data.month,
    value: observation?.value ?? null,
    componentKind:
      numerator && (numerator.kind === 'flow' || numerator.kind === 'net_change') ? 'flow' : 'level',
    windows,
  };
}
