/**
 * Which charts a month's bulletin carries and what they show, as ECharts options per layout: the
 * city's completion bars, one district ranking per indicator with district targets, and the YTD path
 * of each city flow. Pure, from `ReportData`; HTML, Word, Excel, PNG files and the web board draw these.
 */
import type { EChartsOption } from 'echarts';
import { indicatorFigure } from './indicator-figure.ts';
import { dueMonth, figureStatus } from '../../figures/figure-status.ts';
import { formatPercent } from '../../figures/format-number.ts';
import type { ReportData } from '../report-data.ts';
import {
  completionBarOption,
  ytdLineOption,
  type ChartLayout,
  type CompletionBar,
} from '../../figures/chart-options.ts';
import { renderChartSvg, type ChartSize } from '../../figures/render-chart-svg.ts';

/** One chart of the bulletin: a stable key (file names, element ids), its caption and its option per layout. */
export interface BulletinChart {
  /** `city-completion`, `ranking-<indicator>`, `ytd-<indicator>`. */
  readonly key: string;
  readonly caption: string;
  readonly option: (layout: ChartLayout) => EChartsOption;
  readonly size: Record<ChartLayout, ChartSize>;
  /**
   * The chart in `layout` as an SVG document, ids under `<key>-<layout>`; drawn once, shared by
   * the HTML and the PNG (ECharts takes about 10 ms a chart).
   */
  readonly svg: (layout: ChartLayout) => string;
}

/** A chart whose SVG is drawn on first use. */
function chart(spec: Omit<BulletinChart, 'svg'>): BulletinChart {
  const drawn = new Map<ChartLayout, string>();
  return {
    ...spec,
    svg(layout) {
      let svg = drawn.get(layout);
      if (svg === undefined) {
        svg = renderChartSvg(spec.option(layout), spec.size[layout], `${spec.key}-${layout}`);
        drawn.set(layout, svg);
      }
      return svg;
    },
  };
}

/** What the bulletin decided to show: the city indicators with a completion bar and the ranked ones. */
export interface BulletinChartSelection {
  readonly cityIndicatorCodes: readonly string[];
  readonly rankedIndicatorCodes: readonly string[];
  /** Decimals of the percentages printed on the bars. */
  readonly places: number;
}

const barsHeight = (n: number, layout: ChartLayout) => 72 + n * (layout === 'narrow' ? 40 : 34);

/** The charts of `data`'s bulletin, in the order they appear. */
export function bulletinCharts(data: ReportData, selection: BulletinChartSelection): BulletinChart[] {
  const { places } = selection;
  const when = { year: data.year, month: data.month, places };
  const indicator = (code: string) => data.indicators.find((i) => i.code === code)!;
  const bar = (code: string, regionCode: string, label: string): CompletionBar | null => {
    const i = indicator(code);
    const w = indicatorFigure(data, i, regionCode).windows[0];
    if (!w?.completionPct) return null;
    const cumulative = i.kind === 'flow' || i.kind === 'net_change';
    return {
      label,
      pct: Number(formatPercent(w.completionPct, places).slice(0, -1)),
      schedulePct: cumulative && w.schedulePct !== null ? Number(w.schedulePct.toFixed(1)) : null,
      status: figureStatus(i.kind, w, when),
      valueText: formatPercent(w.completionPct, places),
    };
  };
  const sized = (rows: number): Record<ChartLayout, ChartSize> => ({
    wide: { width: 640, height: barsHeight(rows, 'wide') },
    narrow: { width: 360, height: barsHeight(rows, 'narrow') },
  });
  const charts: BulletinChart[] = [];

  const cityBars = selection.cityIndicatorCodes.flatMap((code) => {
    const b = bar(code, data.city.code, indicator(code).nameZh);
    return b ? [b] : [];
  });
  if (cityBars.length)
    charts.push(
      chart({
        key: 'city-completion',
        caption: '全市重要指标完成进度与时序进度',
        option: (layout) => completionBarOption('全市重要指标完成进度', cityBars, layout),
        size: sized(cityBars.length),
      }),
    );

  for (const code of selection.rankedIndicatorCodes) {
    const bars = data.districts
      .flatMap((d) => {
        const b = bar(code, d.code, d.nameZh);
        return b ? [b] : [];
      })
      .sort((a, b) => b.pct - a.pct);
    if (!bars.length) continue;
    const name = indicator(code).nameZh;
    charts.push(
      chart({
        key: `ranking-${code}`,
        caption: `${name}各区市完成进度排名`,
        option: (layout) => completionBarOption(`${name}各区市完成进度`, bars, layout),
        size: sized(bars.length),
      }),
    );
  }

  for (const code of selection.cityIndicatorCodes) {
    const i = indicator(code);
    if (i.kind !== 'flow' && i.kind !== 'net_change') continue;
    const history = data.cityHistory.filter(
      (h) => h.indicatorCode === code && h.startYear === data.year && h.endYear === data.year,
    );
    if (!history.length) continue;
    const due = dueMonth(history[0]!);
    const path = {
      label: `${i.nameZh}累计完成进度`,
      completion: history.flatMap((h) =>
        h.completionPct ? [{ month: h.month, pct: h.completionPct.toNumber() }] : [],
      ),
      // Months still to come follow the same schedule as the warehouse's: the indicator's seasonal
      // profile, else N ÷ the months to the due month, at most 100.
      schedule: Array.from({ length: 12 }, (_, k) => {
        const own = history.find((h) => h.month === k + 1)?.schedulePct;
        const planned =
          i.scheduleProfile && due.month === 12
            ? i.scheduleProfile[k]!
            : Math.min(100, ((k + 1) * 100) / due.month);
        return { month: k + 1, pct: own ? own.toNumber() : planned };
      }),
    };
    charts.push(
      chart({
        key: `ytd-${code}`,
        caption: `${data.year}年${i.nameZh}累计完成进度与时序进度`,
        option: (layout) => ytdLineOption(path, layout),
        size: { wide: { width: 320, height: 240 }, narrow: { width: 360, height: 260 } },
      }),
    );
  }
  return charts;
}
