/**
 * One PNG per chart per report run: the workbook, the Word document and the PNG files share the
 * rasterised charts, all drawn in one resvg pass the first time any is asked for.
 */
import type { BulletinChart } from './bulletin-charts.ts';
import { renderChartPngs } from './render-chart-pngs.ts';
import { renderChartSvg } from './render-chart-svg.ts';

/** The wide PNG of a chart, at print resolution. */
export type ChartPng = (chart: BulletinChart) => Buffer;

/** A `ChartPng` for `charts`: drawn together on first use, the same bytes afterwards. */
export function chartPngCache(charts: readonly BulletinChart[]): ChartPng {
  let done: Map<string, Buffer> | null = null;
  return (chart) => {
    done ??= new Map(
      renderChartPngs(
        charts.map((c) => ({ svg: renderChartSvg(c.option('wide'), c.size.wide, c.key), size: c.size.wide })),
        2,
      ).map((png, k) => [charts[k]!.key, png]),
    );
    const png = done.get(chart.key);
    if (!png) throw new Error(`chart ${chart.key} is not one of this report's charts`);
    return png;
  };
}
