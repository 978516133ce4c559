import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
  it('is one self-contained file: no external reference of any kind', async () => {
    const html = await octoberHtml();
    expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=|@import|url\(|<link|<script|<img|<iframe|<object/i);
    // The only URL-like text is a return's file name, shown escaped as text.
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)市北区2022年1-10月.xlsx');
    expect(html.replace('=HYPERLINK(&quot;http://x&quot;)', '')).not.toMatch(/https?:|ftp:|file:/i);
    expect(html).toContain('@page { size: A4;');
  });

  it('draws the charts server-side: completion vs schedule, district ranking, YTD line', async () => {
    const html = await octoberHtml();
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    // The city's 城镇新增就业 is a partial roll-up (莱西市 has not reported): no chart draws it as the
    // city's figure (issue 11). City bars (the net change), its YTD line, one district ranking.
    expect(svgs).toHaveLength(3);
    expect(svgs[0]).toContain('>企业社会保险参保缴费人数净增</text>');
    expect(svgs[0]).toContain('>81.6%</text>');
    expect(svgs[0]).toContain('fill="#c62828"'); // behind schedule
    expect(svgs.some((s) => s.includes('>城镇新增就业</text>') && s.includes('>79.5%</text>'))).toBe(false);
    const ranking = svgs.find((s) => s.includes('各区市完成进度'))!;
    expect(ranking.indexOf('>市南区<')).toBeLessThan(ranking.indexOf('>平度市<'));
    expect(ranking).toContain('时序进度83.3%');
    expect(svgs.filter((s) => s.includes('stroke-dasharray="4 3"')).length).toBeGreaterThanOrEqual(3);
    // The warning text from a return is escaped, not markup.
    expect(html).toContain('=2+3 城镇新增就业环比增长62.5%，超过50%的阈值 | 请核实');
    expect(html).toMatch(/<tr class="marked"><td[^>]*>8<\/td><td>市北区<\/td>/);
  });
});
