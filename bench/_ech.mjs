import * as echarts from '/work/main/node_modules/echarts/index.js';
import { completionBarOption, ytdLineOption } from '/work/main/dist/reports/charts/chart-options.js';
import { renderChartSvg } from '/work/main/dist/reports/charts/render-chart-svg.js';
const bars = Array.from({ length: 10 }, (_, i) => ({ label: '区市' + i, pct: 80 + i * 3.1, schedulePct: 83.3, status: i % 2 ? 'ahead' : 'behind', valueText: (80 + i * 3.1).toFixed(1) + '%' }));
const path = { label: 'x累计完成进度', completion: Array.from({ length: 10 }, (_, k) => ({ month: k + 1, pct: (k + 1) * 9 })), schedule: Array.from({ length: 12 }, (_, k) => ({ month: k + 1, pct: (k + 1) * 100 / 12 })) };
const opts = [];
for (let i = 0; i < 20; i++) opts.push([completionBarOption('标题' + i, bars, i % 2 ? 'wide' : 'narrow'), i % 2 ? { width: 640, height: 412 } : { width: 360, height: 472 }]);
for (let i = 0; i < 10; i++) opts.push([ytdLineOption(path, 'wide'), { width: 320, height: 240 }]);
function fresh() { return opts.map(([o, s], i) => renderChartSvg(o, s, 'c' + i)); }
const inst = new Map();
function reuse() {
  return opts.map(([o, s]) => {
    const key = s.width + 'x' + s.height;
    let c = inst.get(key);
    if (!c) { c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: s.width, height: s.height }); inst.set(key, c); }
    c.setOption(o, { notMerge: true });
    return c.renderToSVGString();
  });
}
for (let r = 0; r < 6; r++) {
  let t = performance.now(); const a = fresh(); const tf = performance.now() - t;
  t = performance.now(); const b = reuse(); const tr = performance.now() - t;
  console.log('fresh', tf.toFixed(0), 'reuse', tr.toFixed(0), a[0].length, b[0].length);
}
