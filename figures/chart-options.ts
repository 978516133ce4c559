/**
 * ECharts options for the bulletin's charts, from plain figures (no warehouse, no DOM): completion
 * bars against 时序进度 and a year's YTD completion path. Pure; every output (HTML, Word, Excel,
 * PNG, the web board) renders these same options, so a chart looks the same everywhere.
 */
import type { EChartsOption } from 'echarts';
import type { FigureStatus } from './figure-status.ts';

/** Font stack for chart text: the CJK fonts the set-up installs first (fonts-noto-cjk), then common ones. */
export const CHART_FONT_FAMILY =
  // Single quotes: ECharts writes the family into a double-quoted SVG style attribute unescaped.
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";

/** Bar colour by status: ahead, level and met green; behind and missed red; a level without schedule blue. */
export const STATUS_COLOR: Record<FigureStatus, string> = {
  met: '#2e7d32',
  ahead: '#2e7d32',
  level: '#2e7d32',
  behind: '#c62828',
  missed: '#c62828',
  not_due: '#1f5fa8',
  none: '#9e9e9e',
};

/** One bar: a completion percentage (as printed), its 时序进度 and its status. */
export interface CompletionBar {
  readonly label: string;
  /** Completion % as a number for the bar's length. */
  readonly pct: number;
  /** 时序进度 % of this bar, or null for a level without schedule. */
  readonly schedulePct: number | null;
  readonly status: FigureStatus;
  /** The printed figure after the bar, e.g. "79.5%". */
  readonly valueText: string;
}

/** A year's path: YTD completion % by month and the schedule it is compared with. */
export interface YtdPath {
  readonly label: string;
  readonly completion: readonly { readonly month: number; readonly pct: number }[];
  readonly schedule: readonly { readonly month: number; readonly pct: number }[];
}

/** `wide` for A4 and desktop (about 640 px), `narrow` for a phone (about 360 px). */
export type ChartLayout = 'wide' | 'narrow';

const TEXT = { fontFamily: CHART_FONT_FAMILY, color: '#222', fontSize: 13 };

/**
 * Horizontal completion bars, first item at the top, with each bar's 时序进度 as a dark tick
 * (one dashed line when all share it) and the 100% line.
 */
export function completionBarOption(
  title: string,
  bars: readonly CompletionBar[],
  layout: ChartLayout,
): EChartsOption {
  const narrow = layout === 'narrow';
  const schedules = [...new Set(bars.map((b) => b.schedulePct))];
  const shared = schedules.length === 1 && schedules[0] !== null ? schedules[0]! : null;
  const max = Math.max(100, ...bars.map((b) => b.pct), ...bars.map((b) => b.schedulePct ?? 0));
  const labels = bars.map((b) => b.label);
  // The 100% line is unlabelled (the axis names it); a shared schedule is labelled above the plot.
  const lines: { xAxis: number; label: { show: boolean; formatter?: string } }[] = [
    { xAxis: 100, label: { show: false } },
  ];
  if (shared !== null)
    lines.push({ xAxis: shared, label: { show: true, formatter: `时序进度${shared.toFixed(1)}%` } });
  return {
    animation: false,
    textStyle: TEXT,
    title: { text: title, left: 'center', textStyle: { ...TEXT, fontSize: narrow ? 14 : 15 } },
    grid: {
      left: 8,
      right: narrow ? 56 : 64,
      top: shared === null ? 40 : 56,
      bottom: 24,
      containLabel: true,
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil((max * 1.05) / 25) * 25,
      interval: narrow ? 50 : 25,
      axisLabel: { formatter: '{value}%', fontSize: 12, color: '#555' },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: {
        fontSize: 13,
        color: '#222',
        width: narrow ? 110 : 220,
        overflow: 'break',
        lineHeight: 15,
      },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        // Long bars carry their figure inside at their start, clear of the schedule line and ticks.
        data: bars.map((b) => ({
          value: b.pct,
          itemStyle: { color: STATUS_COLOR[b.status] },
          label:
            b.pct >= 30
              ? { position: 'insideLeft' as const, color: '#fff' }
              : { position: 'right' as const, color: '#222' },
        })),
        label: {
          show: true,
          fontSize: 12,
          formatter: (p: { dataIndex: number }) => bars[p.dataIndex]!.valueText,
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#333', type: 'dashed', width: 1.5 },
          // The y axis is inverted, so the line's start is at the top of the plot.
          label: { position: 'start', fontSize: 12, color: '#333' },
          data: lines,
        },
      },
      // Each bar's own 时序进度 as a tick when the bars do not share one.
      ...(shared === null && bars.some((b) => b.schedulePct !== null)
        ? [
            {
              type: 'scatter' as const,
              symbol: 'rect',
              symbolSize: [3, 20],
              itemStyle: { color: '#333' },
              data: bars.map((b) => b.schedulePct),
              silent: true,
            },
          ]
        : []),
    ],
  };
}

/** A line chart of a year's YTD completion % (solid) against 时序进度 (dashed), months 1–12. */
export function ytdLineOption(path: YtdPath, layout: ChartLayout): EChartsOption {
  const narrow = layout === 'narrow';
  const max = Math.max(100, ...path.completion.map((p) => p.pct), ...path.schedule.map((p) => p.pct));
  const months = Array.from({ length: 12 }, (_, k) => `${k + 1}月`);
  const at = (points: YtdPath['completion']) =>
    months.map((_, k) => points.find((p) => p.month === k + 1)?.pct ?? null);
  return {
    animation: false,
    textStyle: TEXT,
    title: { text: path.label, left: 'center', textStyle: { ...TEXT, fontSize: narrow ? 14 : 15 } },
    legend: { bottom: 0, textStyle: { ...TEXT, fontSize: 12 }, data: ['累计完成进度', '时序进度'] },
    grid: { left: 8, right: 16, top: 36, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: months,
      // Quarter ends only, so labels never crowd at any width.
      axisLabel: { fontSize: 12, color: '#555', interval: (index: number) => (index + 1) % 3 === 0 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil((max * 1.05) / 25) * 25,
      axisLabel: { formatter: '{value}%', fontSize: 12, color: '#555' },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    series: [
      {
        name: '累计完成进度',
        type: 'line',

        data: at(path.completion),
        itemStyle: { color: '#1f5fa8' },
        lineStyle: { width: 2.5 },
        symbolSize: 5,
      },
      {
        name: '时序进度',
        type: 'line',
        data: at(path.schedule),
        itemStyle: { color: '#333' },
        lineStyle: { type: 'dashed', width: 1.5 },
        symbol: 'none',
      },
    ],
  };
}
