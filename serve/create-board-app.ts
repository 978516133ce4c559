/**
 * The board's routes (hono): GET pages only, each opening the published warehouse read-only for
 * the request. Parameters are validated against fixed patterns and bound into fixed queries; any
 * other path or method, and any name not found by listing the reports folder, is a 404.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import { parsePeriod, type Period } from '../core/period.ts';
import { html, type SafeHtml } from './html.ts';
import { drawIndicatorCharts } from './draw-indicator-charts.ts';
import { readFindings, type FindingFilter } from '../warehouse/read-findings.ts';
import { readIndicatorList } from '../warehouse/read-indicator-list.ts';
import { readIndicatorPage } from '../warehouse/read-indicator-page.ts';
import { readProgressGrid, type ProgressFilter } from '../warehouse/read-progress-grid.ts';
import { readSubmissionDetail } from '../warehouse/read-submission-detail.ts';
import { readSubmissionGrid } from '../warehouse/read-submission-grid.ts';
import { readWarehouseVersion } from '../warehouse/read-warehouse-version.ts';
import { listReportFiles, REPORT_CONTENT_TYPES } from './list-report-files.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';
import { rowReader, type RowReader } from '../warehouse/row-reader.ts';
import { createVersionCache, fileIdentity } from './version-cache.ts';
import { renderBulletinList, renderBulletinMonth } from './render-bulletins-page.ts';
import { renderFindingsPage } from './render-findings-page.ts';
import { renderIndicatorList } from './render-indicator-list.ts';
import { renderIndicatorPage } from './render-indicator-page.ts';
import { renderLayout, type BoardSection } from './render-layout.ts';
import { renderProgressPage } from './render-progress-page.ts';
import { renderSubmissionDetail, renderSubmissionGrid } from './render-submission-page.ts';

/** Where the board reads from. */
export interface BoardOptions {
  /** The published warehouse file (opened read-only per request, never written). */
  readonly db: string;
  /** Config `timezone`: the session's zone, in which local times are read. */
  readonly timezone: string;
  /** The folder the bulletins are written to. */
  readonly reports: string;
  /** Where a failed request is reported (the page itself shows no details). */
  readonly log: (line: string) => void;
}

const REGION = /^\d{6}$/;
const RULE = /^[a-z][a-z0-9_]{0,63}$/;
const WINDOW = /^\d{4}-\d{4}$/;
const TEXT = /^[^\u0000-\u001f]{1,40}$/;

/** Pages are HTML built on the server: no script runs, styles and images are inline, frames are ours. */
const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'";
/** A report shown in the page's frame: its own inline styles and images, nothing else. */
const REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

function pick(value: string | undefined, pattern: RegExp): string | undefined {
  return value !== undefined && pattern.test(value) ? value : undefined;
}

/** A month from a URL, as core parses one (`YYYY-MM`); undefined when it is not one. */
function pickMonth(value: string | undefined): Period | undefined {
  return value === undefined ? undefined : (parsePeriod(value) ?? undefined);
}

function send(c: Context, status: 200 | 404 | 500 | 503, document: SafeHtml): Response {
  c.header('Content-Security-Policy', PAGE_POLICY);
  c.header('Cache-Control', 'no-store');
  return c.html(maskNationalIds(document.value), status);
}

function notFoundBody(): SafeHtml {
  return html`<h2>页面不存在</h2>
    <p><a href="/">返回报送情况</a></p>`;
}

/** Build the app for `options`. */
export function createBoardApp(options: BoardOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'SAMEORIGIN');
    await next();
  });

  const cache = createVersionCache();
  /**
   * Render a page from the published warehouse: read by `load` in a read-only session opened for it,
   * or taken from what an earlier request read from the same file version. Null from `load` is a 404.
   */
  const page = async (
    c: Context,
    section: BoardSection | null,
    key: string,
    load: (reader: RowReader) => Promise<{ title: string; body: SafeHtml } | null>,
  ): Promise<Response> => {
    const file = fileIdentity(options.db);
    if (!file)
      return send(
        c,
        503,
        renderLayout({
          title: '仓库不可用',
          section,
          version: null,
          body: html`<h2>仓库不可用</h2>
            <p>找不到已发布的数据仓库文件。</p>`,
        }),
      );
    // Also keyed by the hour: `submission` turns pending returns into missing ones as the clock passes a deadline.
    const identity = `${file}|${new Date().toISOString().slice(0, 13)}`;
    const result = await cache.get(identity, key, () =>
      withPublishedWarehouse(
        options.db,
        { sandboxed: true, timezone: options.timezone },
        async (connection) => {
          const reader = rowReader(connection);
          const version = await readWarehouseVersion(reader);
          return { version, content: await load(reader) };
        },
      ),
    );
    if (!result.content)
      return send(
        c,
        404,
        renderLayout({ title: '页面不存在', section, version: result.version, body: notFoundBody() }),
      );
    return send(c, 200, renderLayout({ ...result.content, section, version: result.version }));
  };

  app.get('/', (c) =>
    page(c, 'submissions', 'submissions', async (r) => ({
      title: '报送情况',
      body: renderSubmissionGrid(await readSubmissionGrid(r)),
    })),
  );

  app.get('/submissions/:region/:month', (c) => {
    const region = pick(c.req.param('region'), REGION);
    const month = pickMonth(c.req.param('month'));
    return page(c, 'submissions', `submission|${region}|${month}`, async (r) => {
      const detail = region && month ? await readSubmissionDetail(r, region, month) : null;
      return (
        detail && { title: `${detail.regionName} ${detail.month}`, body: renderSubmissionDetail(detail) }
      );
    });
  });

  app.get('/progress', (c) => {
    const filter: ProgressFilter = {
      month: pickMonth(c.req.query('month')),
      category: pick(c.req.query('category'), TEXT),
      issuer: pick(c.req.query('issuer'), TEXT),
      window: pick(c.req.query('window'), WINDOW) ?? 'annual',
    };
    return page(c, 'progress', `progress|${JSON.stringify(filter)}`, async (r) => ({
      title: '完成进度',
      body: renderProgressPage(await readProgressGrid(r, filter), filter),
    }));
  });

  app.get('/indicators', (c) =>
    page(c, 'indicators', 'indicators', async (r) => ({
      title: '指标',
      body: renderIndicatorList(await readIndicatorList(r)),
    })),
  );

  app.get('/indicators/:code', (c) => {
    const code = pick(c.req.param('code'), RULE);
    const month = pickMonth(c.req.query('month'));
    return page(c, 'indicators', `indicator|${code}|${month}`, async (r) => {
      const data = code ? await readIndicatorPage(r, code, month) : null;
      return (
        data && { title: data.indicator.nameZh, body: renderIndicatorPage(data, drawIndicatorCharts(data)) }
      );
    });
  });

  app.get('/findings', (c) => {
    const filter: FindingFilter = {
      month: pickMonth(c.req.query('month')),
      region: pick(c.req.query('region'), REGION),
      rule: pick(c.req.query('rule'), RULE),
      severity: pick(c.req.query('severity'), /^(error|warning)$/),
    };
    return page(c, 'findings', `findings|${JSON.stringify(filter)}`, async (r) => ({
      title: '审核',
      body: renderFindingsPage(await readFindings(r, filter), filter),
    }));
  });

  // The reports folder changes after a publish (the bulletin is written last), so its listing is part of the key.
  app.get('/bulletins', (c) => {
    const files = listReportFiles(options.reports);
    return page(
      c,
      'bulletins',
      `bulletins|${files.map((f) => `${f.name}:${f.bytes}`).join('|')}`,
      async () => ({
        title: '通报',
        body: renderBulletinList(files),
      }),
    );
  });

  app.get('/bulletins/:month', (c) => {
    const month = pickMonth(c.req.param('month'));
    const files = listReportFiles(options.reports).filter((f) => f.month === month);
    return page(
      c,
      'bulletins',
      `bulletin|${files.map((f) => `${f.name}:${f.bytes}`).join('|')}`,
      async () => {
        if (!month || files.length === 0) return null;
        const md = files.find((f) => f.format === 'md');
        return {
          title: `${month} 通报`,
          body: renderBulletinMonth(month, files, md ? readFileSync(md.absolutePath, 'utf8') : null),
        };
      },
    );
  });

  app.get('/bulletins/files/:name', (c) => {
    const file = listReportFiles(options.reports).find((f) => f.name === c.req.param('name'));
    if (!file) return c.notFound();
    const inline = c.req.query('inline') === '1' && (file.format === 'html' || file.format === 'md');
    c.header('Content-Type', REPORT_CONTENT_TYPES[file.format]!);
    c.header('Cache-Control', 'no-store');
    if (inline) c.header('Content-Security-Policy', REPORT_POLICY);
    else
      c.header(
        'Content-Disposition',
        `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      );
    return c.body(readFileSync(file.absolutePath));
  });

  app.notFound((c) =>
    send(c, 404, renderLayout({ title: '页面不存在', section: null, version: null, body: notFoundBody() })),
  );
  app.onError((error, c) => {
    options.log(`kpi serve: ${c.req.method} ${c.req.path}: ${error.message}`);
    return send(
      c,
      500,
      renderLayout({
        title: '出错了',
        section: null,
        version: null,
        body: html`<h2>页面出错</h2>
          <p>读取数据仓库时出错，请稍后刷新。</p>`,
      }),
    );
  });
  return app;
}
