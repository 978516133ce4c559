import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/write-report.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

async function octoberHtml(): Promise<string> {
  return withTestWarehouse(async (w) => {
    await loadOctober2022(w);
    const out = await mkdtemp(path.join(tmpdir(), 'kpi-html-'));
    const [file] = await writeReport(w.connection, { period: '2022-10', formats: ['html'], outDir: out });
    return readFile(file!, 'utf8');
  });
}

describe('writeReport: HTML', () => {
  let html = '';
  beforeAll(async () => {
    html = await octoberHtml();
  });

  it('is one self-contained file: no external reference of any kind', () => {
    // Issue 13: ECharts clips lines with a clip path inside the same SVG; url(#…) is that, not a file.
    expect(html).not.toMatch(
      /\b(src|href|xlink:href)\s*=|@import|url\((?!#)|<link|<script|<img|<iframe|<object/i,
    );
    // The only URL-like text is a return's file name, shown escaped as text.
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)市北区2022年1-10月.xlsx');
    expect(html.replace('=HYPERLINK(&quot;http://x&quot;)', '')).not.toMatch(/https?:|ftp:|file:/i);
    expect(html).toContain('@page { size: A4;');
  });

  // Issue 13: one chart library (ECharts SSR) for every output; each chart twice, wide and narrow.
  it('draws the ECharts charts server-side, a wide and a narrow version of each', () => {
    const figures = html.match(/<figure>[\s\S]*?<\/figure>/g) ?? [];
    // City bars, one district ranking, two YTD paths (jobs, graduate start-ups) and the net change's.
    expect(figures).toHaveLength(5);
    for (const f of figures) {
      expect(f.match(/<div class="wide"><svg /g)).toHaveLength(1);
      expect(f.match(/<div class="narrow"><svg /g)).toHaveLength(1);
    }
    const city = figures[0]!;
    expect(city).toContain('>城镇新增就业</text>');
    expect(city).toContain('>79.5%</text>');
    expect(city).toContain('#c62828'); // behind schedule
    const ranking = figures.find((s) => s.includes('各区市完成进度'))!;
    expect(ranking.indexOf('>市南区<')).toBeLessThan(ranking.indexOf('>平度市<'));
    expect(ranking).toContain('时序进度83.3%');
    // Ids are unique across the page's charts.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // The narrow charts replace the wide ones below 600 px.
    expect(html).toMatch(/@media \(max-width: 600px\)[\s\S]*figure \.wide \{ display: none; \}/);
    // Marks sit on the filled cells of a behind-schedule row only.
    expect(html).toMatch(
      /<tr><td class="num">8<\/td><td>市北区<\/td>[^]*?<td class="num marked">82.00%<\/td>/,
    );
  });
});
