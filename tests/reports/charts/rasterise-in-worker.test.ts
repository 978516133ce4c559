import { describe, expect, it } from 'vitest';
import { completionBarOption, type CompletionBar } from '../../../figures/chart-options.ts';
import { rasteriseInWorker } from '../../../reports/charts/rasterise-in-worker.ts';
import { renderChartPng } from '../../../reports/charts/render-chart-png.ts';
import { renderChartSvg } from '../../../figures/render-chart-svg.ts';

const BARS: CompletionBar[] = [
  { label: '城镇新增就业', pct: 79.5, schedulePct: 83.3, status: 'behind', valueText: '79.5%' },
  { label: '扶持大学生创业', pct: 101.7, schedulePct: 83.3, status: 'met', valueText: '101.7%' },
];

const svg = (title: string) =>
  renderChartSvg(completionBarOption(title, BARS, 'wide'), { width: 640, height: 160 });

describe('rasteriseInWorker', () => {
  it('gives the bytes the in-process renderer gives, each chart its own, in any order of answers', async () => {
    const titles = [
      '城镇新增就业',
      '失业人员再就业',
      '就业困难人员就业',
      '仲裁结案率',
      '参保人数',
      '人才引进',
    ];
    const drawn = await Promise.all(titles.map((t) => rasteriseInWorker(svg(t), 1)));
    titles.forEach((t, i) => expect(drawn[i]!.equals(renderChartPng(svg(t), 1))).toBe(true));
    expect(new Set(drawn.map((png) => png.toString('base64'))).size).toBe(titles.length);
  });

  it('rejects an SVG resvg cannot read with the reason, and goes on drawing the next', async () => {
    await expect(rasteriseInWorker('<svg', 1)).rejects.toThrow(/could not be drawn as PNG: .+/);
    const png = await rasteriseInWorker(svg('甲'), 2);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 320]);
  });
});
