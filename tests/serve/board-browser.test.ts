// @module-tag sample-year
// @module-tag browser
/**
 * `kpi serve` in a real browser (Debian's chromium driven by playwright-core) on a demo warehouse:
 * every page opens, a rejected cell leads to its reasons, an indicator leads to its district
 * ranking, the figures shown are the warehouse views' figures, and every page fits a 390 px phone.
 * Screenshots at 1280 and 390 px go to $KPI_BOARD_SCREENSHOTS (else a temporary folder).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundHalfUp } from '../../figures/format-number.ts';
import { startBoardServer, type BoardServer } from '../../serve/start-board-server.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { buildBoardDemo, type BoardDemo } from '../helpers/build-board-demo.ts';

let dir: string;
let shots: string;
let demo: BoardDemo;
let board: BoardServer;
let browser: Browser;

/** Rows of a query on the published warehouse, read-only, DECIMALs as exact strings. */
async function view(sql: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
  return withWarehouse(demo.config.db, { readOnly: true }, async ({ connection }) =>
    (await connection.runAndReadAll(sql, params)).getRowObjectsJson(),
  ) as Promise<Record<string, unknown>[]>;
}

/** What the browser logged as an error on any page (a missing icon, a refused resource): none expected. */
const consoleErrors: string[] = [];

async function open(width: number, target: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${target}: ${m.text()}`);
  });
  const response = await page.goto(`${board.url}${target}`);
  expect(response?.status(), target).toBe(200);
  return page;
}

/** Screenshot at 1280 and 390 px; at 390 the page itself must not scroll sideways (wide tables scroll in place). */
async function screenshots(name: string, target: string): Promise<void> {
  for (const width of [1280, 390]) {
    const page = await open(width, target);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow, `${target} at ${width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: path.join(shots, `${name}-${width}.png`),
      fullPage: width === 390 ? false : true,
    });
    await page.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kpi-serve-browser-'));
  shots = process.env.KPI_BOARD_SCREENSHOTS ?? path.join(dir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  demo = await buildBoardDemo(path.join(dir, 'demo'));
  board = await startBoardServer({
    db: demo.config.db,
    timezone: demo.config.timezone,
    reports: demo.config.reports,
    host: '127.0.0.1',
    port: 0,
    log: (line) => {
      throw new Error(line);
    },
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
}, 1_500_000);

afterAll(async () => {
  await browser?.close();
  await board?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kpi serve in a browser', { timeout: 300_000 }, () => {
  it('报送情况: every district and month with its status, and a rejected cell leads to its reasons', async () => {
    const expected = await view(
      `SELECT status, CAST(count(*) AS INTEGER) AS n FROM submission GROUP BY status`,
    );
    const page = await open(1280, '/');
    for (const { status, n } of expected)
      expect(await page.locator(`#submission-grid a[data-status="${status}"]`).count(), String(status)).toBe(
        n,
      );
    const late = page.locator(`a[data-region="${demo.lateRegion}"][data-month="2022-10"]`);
    expect(await late.getAttribute('data-status')).toBe('late');
    expect(
      await page.locator(`a[data-region="${demo.missingRegion}"][data-month="2022-10"]`).textContent(),
    ).toBe('未报');

    await page
      .locator(`a[data-region="${demo.rejectedRegion}"][data-month="2022-10"][data-status="rejected"]`)
      .click();
    await page.waitForURL(`**/submissions/${demo.rejectedRegion}/2022-10`);
    expect(await page.locator('#detail-status').textContent()).toBe('退回');
    const [finding] = await view(
      `SELECT f.rule, f.location, s.file_name, strftime(s.received_at, '%Y-%m-%d %H:%M') AS received_at
       FROM finding f JOIN source_file s USING (file_hash)
       WHERE s.region_code = $1 AND s.period = DATE '2022-10-01' AND s.status = 'rejected'`,
      [demo.rejectedRegion],
    );
    const [file, sheet, cell] = String(finding!.location).split(' → ');
    const fileRow = page.locator('#files tbody tr', { hasText: String(finding!.file_name) });
    await expect(fileRow.textContent()).resolves.toContain(String(finding!.received_at));
    const reason = page.locator(`#reasons li[data-rule="${finding!.rule}"]`);
    const text = (await reason.textContent()) ?? '';
    expect(text).toContain('数值为负');
    expect(text).toContain(path.basename(file!));
    expect(text).toContain(sheet);
    expect(text).toContain(cell);
    expect(text).toContain('劳务合作基地数');

    // A late district's page gives the 审核 finding about its month, not only those about its files.
    await page.goto(`${board.url}/submissions/${demo.lateRegion}/2022-10`);
    const checks = await view(
      `SELECT DISTINCT rule FROM quality_finding
       WHERE origin = 'check' AND region_code = $1 AND period = DATE '2022-10-01'`,
      [demo.lateRegion],
    );
    expect(checks.map((c) => c.rule)).toContain('late_return');
    for (const { rule } of checks)
      expect(await page.locator(`#reasons li[data-rule="${rule}"]`).count(), String(rule)).toBeGreaterThan(0);
    await page.close();
    await screenshots('submissions', '/');
    await screenshots('submission-rejected', `/submissions/${demo.rejectedRegion}/2022-10`);
  });

  it('完成进度: the completion of every indicator and region, coloured by status, filtered by window', async () => {
    const page = await open(1280, '/progress?month=2022-09');
    const rows = await view(
      `SELECT indicator_code, region_code, issuer, completion_pct, ahead_pp, actual FROM completion
       WHERE period = DATE '2022-09-01' AND start_year = 2022 AND end_year = 2022
       ORDER BY issuer NULLS FIRST`,
    );
    expect(await page.locator('#progress-grid td[data-region]').count()).toBe(rows.length);
    const jobs = rows.find((r) => r.indicator_code === 'urban_new_jobs' && r.region_code === '370200')!;
    const cell = page.locator(
      `tr[data-indicator="urban_new_jobs"][data-issuer="${jobs.issuer ?? ''}"] td[data-region="370200"]`,
    );
    expect(await cell.getAttribute('data-completion')).toBe(jobs.completion_pct);
    expect(await cell.textContent()).toContain(`${roundHalfUp(String(jobs.completion_pct), 2)}%`);
    expect(await cell.getAttribute('data-status')).toBe(Number(jobs.ahead_pp) >= 0 ? 'ahead' : 'behind');
    const issuerColumn = await view(
      `SELECT 1 FROM duckdb_columns() WHERE table_name = 'completion' AND column_name = 'issuer'`,
    );
    expect(await page.locator('select[name="issuer"]').count()).toBe(issuerColumn.length > 0 ? 1 : 0);

    await page.selectOption('select[name="window"]', '2021-2023');
    await page.locator('form.filters button').click();
    await page.waitForURL(/window=2021-2023/);
    const window = await view(
      `SELECT count(*)::INTEGER AS n FROM completion WHERE period = DATE '2022-09-01' AND start_year = 2021 AND end_year = 2023`,
    );
    expect(await page.locator('#progress-grid td[data-region]').count()).toBe(window[0]!.n);
    // A month without figures says so and shows the latest one instead.
    await page.goto(`${board.url}/progress?month=2019-01`);
    expect(await page.locator('#month-notice').textContent()).toContain('2019-01没有完成进度数据');
    await page.close();
    await screenshots('progress', '/progress?month=2022-09');
  });

  it('an indicator: its monthly series against the views, 时序进度, and a click to the district ranking', async () => {
    const page = await open(1280, '/progress?month=2022-09');
    await page.locator('tr[data-indicator="urban_new_jobs"] th a').first().click();
    await page.waitForURL('**/indicators/urban_new_jobs?month=2022-09');
    expect(await page.locator('#indicator-name').textContent()).toBe('城镇新增就业');
    const series = await view(
      `SELECT region_code, strftime(period, '%Y-%m') AS month, ytd_value FROM observation
       WHERE indicator_code = 'urban_new_jobs' AND year(period) = 2022`,
    );
    expect(await page.locator('#series td[data-value]:not([data-value=""])').count()).toBe(series.length);
    const october = series.find((s) => s.region_code === '370200' && s.month === '2022-10')!;
    const td = page.locator('#series tr[data-region="370200"] td[data-month="2022-10"]');
    expect(await td.getAttribute('data-value')).toBe(october.ytd_value);
    // One scale for the table, as in the bulletin: districts' January figures are below 1万, so 人.
    expect(series.some((s) => Number(s.ytd_value) < 10000)).toBe(true);
    expect(await page.getByRole('heading', { name: '2022年逐月数据（人）' }).count()).toBe(1);
    expect((await td.textContent())?.trim()).toBe(String(Number(october.ytd_value)));
    expect((await page.locator('#schedule td[data-month="2022-09"]').textContent())?.trim()).toBe('75.0%');
    expect(await page.locator('#series-chart svg').count()).toBe(1);

    await page.locator('a[href="#ranking"]').click();
    await page.waitForURL('**#ranking');
    const ranking = await view(
      `SELECT c.region_code, c.completion_pct FROM completion c JOIN region r USING (region_code)
       WHERE c.indicator_code = 'urban_new_jobs' AND r.level = 'district' AND c.period = DATE '2022-09-01'
         AND c.start_year = 2022 AND c.end_year = 2022
       QUALIFY row_number() OVER (PARTITION BY c.region_code ORDER BY c.issuer NULLS FIRST) = 1
       ORDER BY c.completion_pct DESC, c.region_code`,
    );
    const shown = await page.locator('#ranking-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        region: tr.getAttribute('data-region'),
        pct: tr.getAttribute('data-completion'),
      })),
    );
    expect(shown).toEqual(ranking.map((r) => ({ region: r.region_code, pct: r.completion_pct })));
    expect(await page.locator('#ranking-chart svg').count()).toBe(1);
    expect(await page.locator('#ranking').isVisible()).toBe(true);
    // An indicator without any figure says so, with nothing to choose or rank.
    await page.goto(`${board.url}/indicators/registered_unemployment_rate`);
    expect(await page.locator('#no-data').textContent()).toBe('该指标尚无数据。');
    expect(await page.locator('select[name="month"]').count()).toBe(0);
    await page.close();
    await screenshots('indicator', '/indicators/urban_new_jobs?month=2022-09');
  });

  it('审核: the current findings, filtered by district, rule, severity and month', async () => {
    const all = await view(`SELECT count(*)::INTEGER AS n FROM quality_finding`);
    const page = await open(1280, '/findings');
    expect(await page.locator('#finding-count').getAttribute('data-count')).toBe(String(all[0]!.n));
    await page.selectOption('select[name="severity"]', 'error');
    await page.locator('form.filters button').click();
    await page.waitForURL(/severity=error/);
    const errors = await view(`SELECT rule, region_code FROM quality_finding WHERE severity = 'error'`);
    expect(errors.length).toBeGreaterThan(0);
    expect(await page.locator('#findings tbody tr[data-severity="error"]').count()).toBe(errors.length);
    expect(await page.locator('#findings tbody tr[data-severity="warning"]').count()).toBe(0);

    await page.goto(`${board.url}/findings?region=${demo.missingRegion}&rule=missing_return`);
    const missing = await view(
      `SELECT message FROM quality_finding WHERE region_code = $1 AND rule = 'missing_return'`,
      [demo.missingRegion],
    );
    expect(missing.length).toBeGreaterThan(0);
    expect(await page.locator('#findings tbody tr').count()).toBe(missing.length);
    expect(await page.locator('#findings tbody').textContent()).toContain('莱西市');

    await page.goto(`${board.url}/findings?month=2022-10`);
    const october = await view(
      `SELECT count(*)::INTEGER AS n FROM quality_finding WHERE period = DATE '2022-10-01'`,
    );
    expect(october[0]!.n).toBeGreaterThan(0);
    expect(await page.locator('#finding-count').getAttribute('data-count')).toBe(String(october[0]!.n));
    expect(await page.locator('select[name="month"]').inputValue()).toBe('2022-10');
    await page.close();
    await screenshots('findings', '/findings?severity=error');
  });

  it('通报: the bulletins by month, shown in the page and downloadable in every format in the folder', async () => {
    const page = await open(1280, '/bulletins');
    const months = new Set(
      readdirSync(demo.config.reports).flatMap((n) => /^bulletin-(\d{4}-\d{2})\./.exec(n)?.[1] ?? []),
    );
    // The nightly run writes the month's 审核 report beside the bulletin: a row of its own.
    const audits = new Set(
      readdirSync(demo.config.reports).flatMap((n) => /^audit-(\d{4}-\d{2})\./.exec(n)?.[1] ?? []),
    );
    expect(months.has('2022-10')).toBe(true);
    expect(audits.has('2022-10')).toBe(true);
    expect(await page.locator('#bulletins tbody tr').count()).toBe(months.size + audits.size);
    await page.locator('a[href="/bulletins/2022-10"]').click();
    await page.waitForURL('**/bulletins/2022-10');
    const formats = await page
      .locator('p[data-stem="bulletin"] a.download')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-format')));
    const written = readdirSync(demo.config.reports).flatMap(
      (n) => /^bulletin-2022-10\.(\w+)$/.exec(n)?.[1] ?? [],
    );
    expect(written).toContain('docx');
    expect(formats.sort()).toEqual(written.sort());
    expect(await page.locator('p[data-stem="audit"]').textContent()).toContain('审核情况报告');
    const frame = page.frameLocator('iframe.bulletin');
    await expect(frame.locator('body').textContent()).resolves.toContain('城镇新增就业');
    const md = await page.request.get(`${board.url}/bulletins/files/bulletin-2022-10.md`);
    expect(await md.text()).toBe(readFileSync(path.join(demo.config.reports, 'bulletin-2022-10.md'), 'utf8'));
    await page.close();
    await screenshots('bulletins', '/bulletins/2022-10');
  });

  it('logs no error in the browser console on any page opened', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('says which warehouse version it shows: the last run, when it finished, its status', async () => {
    const [run] = await view(
      `SELECT run_id, strftime(finished_at, '%Y-%m-%d %H:%M') AS finished_at FROM pipeline_run ORDER BY started_at DESC LIMIT 1`,
    );
    for (const target of ['/', '/progress', '/indicators', '/findings', '/bulletins']) {
      const page = await open(390, target);
      const header = page.locator('header .version');
      expect(await header.getAttribute('data-run')).toBe(run!.run_id);
      expect(await header.textContent()).toContain(String(run!.finished_at));
      expect(await header.textContent()).toContain('已完成');
      await page.close();
    }
  });
});
