/**
 * One PNG per chart per report run: the workbook, the Word document and the PNG files share the
 * rasterised charts instead of each drawing them again.
 */
import type { BulletinChart } from './bulletin-charts.ts';
import { renderChartPng } from './render-chart-png.ts';
import { renderChartSvg } from './render-chart-svg.ts';

/** The wide PNG of a chart, at print resolution. */
export type ChartPng = (chart: BulletinChart) => Buffer;

/** A `ChartPng` that draws each chart once (by key) and hands out the same bytes afterwards. */
export function chartPngCache(): ChartPng {
  const done = new Map<string, Buffer>();
  return (chart) => {
    let png = done.get(chart.key);
    if (!png) {
      png = renderChartPng(renderChartSvg(chart.option('wide'), chart.size.wide, chart.key), 2);
      done.set(chart.key, png);
    }
    return png;
  };
}
