/**
 * Rasterises many chart SVGs with one resvg pass: handing resvg the CJK fonts is most of the cost of
 * a PNG (tens of megabytes of Noto Sans CJK), so the charts are stacked into one SVG, drawn once, and cut
 * apart into one PNG each. Same pixels as `renderChartPng` chart by chart.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { chartRenderer } from './render-chart-png.ts';
import type { ChartSize } from './render-chart-svg.ts';

/** A PNG file of RGBA rows (no filtering; zlib compresses the white space well). */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** PNG bytes of each `charts[k].svg` (drawn at `size`), scaled by `scale`, in one resvg pass. */
export function renderChartPngs(
  charts: readonly { readonly svg: string; readonly size: ChartSize }[],
  scale = 2,
): Buffer[] {
  if (charts.length === 0) return [];
  const width = Math.max(...charts.map((c) => c.size.width));
  const tops: number[] = [];
  let height = 0;
  for (const c of charts) {
    tops.push(height);
    height += c.size.height;
  }
  // Nested <svg> elements keep each chart's own coordinates, ids and viewBox.
  const stacked =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    charts.map((c, k) => c.svg.replace(/^<svg /, `<svg x="0" y="${tops[k]}" `)).join('') +
    '</svg>';
  const image = chartRenderer(stacked, scale).render();
  const stride = image.width * 4;
  const { pixels: raw } = image;
  const pixels = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return charts.map((c, k) => {
    const w = Math.round(c.size.width * scale);
    const h = Math.round(c.size.height * scale);
    const top = Math.round(tops[k]! * scale);
    const rows = Buffer.alloc(w * 4 * h);
    for (let y = 0; y < h; y++) pixels.copy(rows, y * w * 4, (top + y) * stride, (top + y) * stride + w * 4);
    return encodePng(w, h, rows);
  });
}
