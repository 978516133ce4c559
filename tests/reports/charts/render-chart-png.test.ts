import { describe, expect, it } from 'vitest';
import { completionBarOption, type CompletionBar } from '../../../figures/chart-options.ts';
import { renderChartPng } from '../../../reports/charts/render-chart-png.ts';
import { renderChartSvg } from '../../../figures/render-chart-svg.ts';

const BARS: CompletionBar[] = [
  { label: '城镇新增就业', pct: 79.5, schedulePct: 83.3, status: 'behind', valueText: '79.5%' },
  { label: '扶持大学生创业', pct: 101.7, schedulePct: 83.3, status: 'met', valueText: '101.7%' },
];

const png = (title: string) =>
  renderChartPng(renderChartSvg(completionBarOption(title, BARS, 'wide'), { width: 640, height: 160 }), 1);

describe('renderChartPng: Chinese renders as glyphs, never as missing-glyph boxes', () => {
  it('draws two different characters differently, and unlike a character no font has', () => {
    const jiu = png('就');
    const ye = png('业');
    // A private-use character has no glyph anywhere: it renders as the missing-glyph box (or nothing).
    const missing = png('\uE000');
    expect(jiu.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Boxes look alike: with no CJK font, 就 and 业 would give the same image as each other and as U+E000.
    expect(jiu.equals(ye)).toBe(false);
    expect(jiu.equals(missing)).toBe(false);
    expect(ye.equals(missing)).toBe(false);
  });

  it('draws the chart at its size times the scale', () => {
    const svg = renderChartSvg(completionBarOption('甲', BARS, 'wide'), { width: 640, height: 160 });
    const twice = renderChartPng(svg, 2);
    expect(twice.subarray(1, 4).toString()).toBe('PNG');
    expect([twice.readUInt32BE(16), twice.readUInt32BE(20)]).toEqual([1280, 320]);
  });
});

describe('renderChartSvg', () => {
  it('gives the same bytes for the same option, with ids under the given prefix', () => {
    const option = completionBarOption('全市重要指标完成进度', BARS, 'narrow');
    const a = renderChartSvg(option, { width: 360, height: 200 }, 'city');
    renderChartSvg(option, { width: 360, height: 200 }, 'other');
    expect(renderChartSvg(option, { width: 360, height: 200 }, 'city')).toBe(a);
    expect(a).toMatch(/^<svg [^>]*viewBox="0 0 360 200"/);
    expect(a).not.toMatch(/\bzr\d+-/);
    expect(a).toContain('>城镇新增就业</text>');
    expect(a).toContain('>79.5%</text>');
    expect(a).toContain('#c62828');
  });
});
