/**
 * Server-side rendering of an ECharts option to an SVG string (ECharts SSR, no DOM). Deterministic:
 * the element ids ECharts numbers per process are replaced by `idPrefix`, so several charts can sit in
 * one HTML page and the same option gives the same bytes.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** Pixel size of a chart. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** Render `option` at `size` to a standalone SVG document (`<svg …>…</svg>`); ids start with `idPrefix`. */
export function renderChartSvg(option: EChartsOption, size: ChartSize, idPrefix = 'c'): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption(option);
    // zrender names classes, clip paths and gradients "zr<instance>-<kind><counter>" with counters
    // that run on across charts; renumber them in order of first appearance.
    const names = new Map<string, string>();
    return chart.renderToSVGString().replace(/\bzr\d+-[A-Za-z]+-?\d+\b/g, (name) => {
      if (!names.has(name)) names.set(name, `${idPrefix}-${names.size}`);
      return names.get(name)!;
    });
  } finally {
    // Without dispose the Node process does not exit (TOOLING-NOTES).
    chart.dispose();
  }
}
