/**
 * One PNG per chart per report run: the workbook, the Word document and the PNG files share the
 * rasterised charts, each drawn the first time any format asks for it.
 */
import type { BulletinChart } from './bulletin-charts.ts';
import { renderChartPng } from './render-chart-png.ts';

/** The wide PNG of a chart, at print resolution. */
export type ChartPng = (chart: BulletinChart) => Buffer;

/** A `ChartPng` for `charts`: each drawn on first use, the same bytes afterwards. */
export function chartPngCache(charts: readonly BulletinChart[]): ChartPng {
  const done = new Map<string, Buffer>();
  return (chart) => {
    if (!charts.includes(chart)) throw new Error(`chart ${chart.key} is not one of this report's charts`);
    let png = done.get(chart.key);
    if (!png) {
      png = renderChartPng(chart.svg('wide'), 2);
      done.set(chart.key, png);
    }
    return png;
  };
}
