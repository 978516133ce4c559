/**
 * A report run's chart images: the workbook, the Word document and the PNG files share one PNG per
 * chart. All are sent to the drawing worker at once, so they are drawn while the run builds its
 * other formats, and awaited only where a format needs them.
 */
import type { BulletinChart } from '../bulletin/bulletin-charts.ts';
import { rasteriseInWorker } from './rasterise-in-worker.ts';

/** The wide PNG of a chart, at print resolution. */
export type ChartPng = (chart: BulletinChart) => Buffer;

/** Start drawing `charts` (their wide SVG, at print resolution); resolves to a `ChartPng` over them. */
export function drawChartPngs(charts: readonly BulletinChart[]): Promise<ChartPng> {
  const drawn = Promise.all(charts.map((c) => rasteriseInWorker(c.svg('wide'), 2)));
  return drawn.then((pngs) => {
    const byChart = new Map(charts.map((c, i) => [c, pngs[i]!]));
    return (chart) => {
      const png = byChart.get(chart);
      if (!png) throw new Error(`chart ${chart.key} is not one of this report's charts`);
      return png;
    };
  });
}
