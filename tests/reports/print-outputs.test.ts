// @module-tag process
// @module-tag office
// @module-tag browser
/**
 * Issue 13: the bulletin as real clients show and print it. Chromium (playwright-core) renders the HTML
 * at 1280 and 390 px and prints it to PDF; LibreOffice converts the workbook and the Word document to
 * PDF; poppler reads page size, page count and text. In CI these tests never skip; locally they skip
 * only when the programs are missing and CI is unset.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/write-report.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

const CHROMIUM = '/usr/bin/chromium';
const programs = [CHROMIUM, '/usr/bin/soffice', '/usr/bin/pdftotext', '/usr/bin/pdfinfo'];
const missing = programs.filter((p) => !existsSync(p));
const skip = missing.length > 0 && !process.env.CI;

const HEADLINE = '1-10月，全市实现城镇新增就业27.83万人，完成年计划的79.5%，慢于时序进度3.8个百分点';

/** Page count and page size (points) of a PDF, from pdfinfo. */
function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file]).toString();
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** The PDF's text without white space (pdftotext breaks lines inside sentences). */
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');

/** A4 in points, either way round, within a point. */
function expectA4(info: { width: number; height: number }): void {
  const [short, long] = [info.width, info.height].sort((a, b) => a - b);
  expect(short).toBeCloseTo(595.3, 0);
  expect(long).toBeCloseTo(841.9, 0);
}

/** Convert with LibreOffice in a profile of its own, so parallel runs do not share a lock. */
function libreofficePdf(file: string, outDir: string): string {
  const profile = pathToFileURL(path.join(outDir, 'lo-profile')).href;
  execFileSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
}

describe.skipIf(skip)('the bulletin in chromium and LibreOffice', () => {
  let out = '';
  let browser: Browser;
  beforeAll(async () => {
    if (missing.length) throw new Error(`CI needs ${missing.join(', ')} (installed by .ci/run)`);
    out = await mkdtemp(path.join(tmpdir(), 'kpi-print-'));
    await withTestWarehouse(async (w) => {
      await loadOctober2022(w);
      await writeReport(w.connection, { period: '2022-10', formats: ['html', 'xlsx', 'docx'], outDir: out });
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the HTML at 1280 px and at 390 px with chart text at a legible size, and prints it on A4', async () => {
    const url = pathToFileURL(path.join(out, 'bulletin-2022-10.html')).href;
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(url);
      // Evaluated in the page (the project's TypeScript has no DOM types): the page text, the smallest
      // on-screen height of a shown chart label, and any horizontal overflow.
      const seen = (await page.evaluate(`(() => {
        const text = document.body.innerText.replace(/\\s+/g, '');
        let smallest = Infinity;
        for (const t of document.querySelectorAll('figure svg text')) {
          const box = t.getBoundingClientRect();
          if (box.width > 0 && box.height > 0) smallest = Math.min(smallest, box.height);
        }
        return { text, smallest, overflow: document.documentElement.scrollWidth - window.innerWidth };
      })()`)) as { text: string; smallest: number; overflow: number };
      expect(seen.text).toContain(HEADLINE);
      expect(seen.smallest).toBeGreaterThanOrEqual(10);
      expect(seen.overflow).toBeLessThanOrEqual(0);
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(url);
    const pdf = path.join(out, 'bulletin-html.pdf');
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    await page.close();
    const info = pdfInfo(pdf);
    expectA4(info);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(info.pages).toBeLessThanOrEqual(8);
    expect(pdfText(pdf)).toContain(HEADLINE);
  }, 180_000);

  it('prints the Word document on A4 pages with the headline sentence', () => {
    const pdf = libreofficePdf(path.join(out, 'bulletin-2022-10.docx'), out);
    const info = pdfInfo(pdf);
    expectA4(info);
    expect(info.pages).toBeGreaterThanOrEqual(3);
    expect(info.pages).toBeLessThanOrEqual(12);
    const text = pdfText(pdf);
    expect(text).toContain(HEADLINE);
    expect(text).toContain('2022年第10期');
    expect(text).toContain('—1—');
  }, 240_000);

  it('prints the workbook on a few A4 pages, fit to width', () => {
    const pdf = libreofficePdf(path.join(out, 'bulletin-2022-10.xlsx'), out);
    const info = pdfInfo(pdf);
    expectA4(info);
    // 汇总, 区市完成情况, 报送与修订 and 图表: one or two pages each, never the 32 Letter pages of old.
    expect(info.pages).toBeGreaterThanOrEqual(4);
    expect(info.pages).toBeLessThanOrEqual(8);
    const text = pdfText(pdf);
    expect(text).toContain('城镇新增就业');
    expect(text).toContain('27.83');
  }, 240_000);
});
