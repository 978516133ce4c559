/**
 * The page every board page sits in: the header with the warehouse version (latest run, when it
 * finished, its status), the navigation, and the stylesheet inline — no external asset, so the
 * board works on an office network without internet, and it stays readable at phone width.
 */
import { labelOf, RUN_STATUS_LABELS } from './board-labels.ts';
import { html, trusted, type SafeHtml } from './html.ts';
import type { WarehouseVersion } from '../warehouse/read-warehouse-version.ts';

/** The board's sections, in navigation order. */
export const BOARD_SECTIONS = [
  { key: 'submissions', href: '/', label: '报送情况' },
  { key: 'progress', href: '/progress', label: '完成进度' },
  { key: 'indicators', href: '/indicators', label: '指标' },
  { key: 'findings', href: '/findings', label: '审核' },
  { key: 'bulletins', href: '/bulletins', label: '通报' },
] as const;

/** A section key. */
export type BoardSection = (typeof BOARD_SECTIONS)[number]['key'];

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f6f7f9;font-size:15px;line-height:1.5}
header{background:#1d4e89;color:#fff;padding:.6rem 1rem}
header h1{font-size:1.15rem;margin:0}
.version{font-size:.85rem;opacity:.95;margin-top:.2rem;overflow-wrap:anywhere}
.version .failed,.version .running{background:#fde68a;color:#7c2d12;padding:0 .3rem;border-radius:3px}
nav{display:flex;flex-wrap:wrap;gap:.25rem;padding:.4rem 1rem;background:#e8eef6;border-bottom:1px solid #c9d6e8}
nav a{padding:.3rem .7rem;border-radius:4px;color:#1d4e89;text-decoration:none}
nav a.active{background:#1d4e89;color:#fff}
main{padding:.8rem 1rem;max-width:1400px}
h2{font-size:1.1rem;margin:.4rem 0 .6rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin-bottom:1rem}
table{border-collapse:collapse;background:#fff;font-size:.9rem}
th,td{border:1px solid #d7dde5;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600;white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.nowrap{white-space:nowrap}
th.sticky,td.sticky{position:sticky;left:0;background:#fff;z-index:1}
th.sticky{background:#eef2f7}
a{color:#1d4e89}
.status{display:inline-block;min-width:2.6em;text-align:center;border-radius:3px;padding:0 .25rem;text-decoration:none;white-space:nowrap}
.s-on_time,.p-met,.p-ahead{background:#d1fae5;color:#065f46}
.s-late,.p-behind,.p-level{background:#fef3c7;color:#92400e}
.s-revised{background:#dbeafe;color:#1e40af}
.s-rejected,.p-not_met,.sev-error{background:#fee2e2;color:#991b1b}
.s-missing{background:#e5e7eb;color:#374151;font-weight:600}
.s-pending,.p-none{background:#f3f4f6;color:#6b7280}
.sev-warning{background:#fef3c7;color:#92400e}
td.p-met,td.p-ahead,td.p-behind,td.p-level,td.p-not_met,td.p-none{min-width:5.5em}
.small{font-size:.8rem;color:#4b5563}
.notice{padding:.4rem .6rem;border-left:4px solid #b45309;background:#fff7ed}
#findings td:nth-child(5){min-width:7em}
#findings td:nth-child(6){min-width:14em}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin-bottom:.8rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem}
select,button{font:inherit;padding:.25rem .4rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;margin:.3rem 0 .8rem;font-size:.85rem}
.chart{background:#fff;border:1px solid #d7dde5;margin-bottom:1rem;max-width:100%;overflow-x:auto}
.chart svg{max-width:100%;height:auto}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;background:#fff;padding:.6rem;border:1px solid #d7dde5}
dl.facts dt{color:#4b5563}
dl.facts dd{margin:0;word-break:break-all}
ul.plain{padding-left:1.1rem}
ol.reasons{padding-left:1.3rem}
ol.reasons li{margin-bottom:.8rem}
ol.reasons dl.facts{margin:.3rem 0 0}
iframe.bulletin{width:100%;height:70vh;border:1px solid #d7dde5;background:#fff}
@media (max-width:600px){main{padding:.5rem}header h1{font-size:1rem}th,td{padding:.25rem .3rem;font-size:.82rem}th.sticky{white-space:normal;min-width:6em;max-width:8em}}
`;

/** What the layout needs besides the page body. */
export interface LayoutOptions {
  readonly title: string;
  readonly section: BoardSection | null;
  readonly version: WarehouseVersion | null;
  readonly body: SafeHtml;
}

function renderVersion(version: WarehouseVersion | null): SafeHtml {
  if (!version) return html`<div class="version" data-version="none">数据版本：仓库中尚无运行记录</div>`;
  const status = labelOf(RUN_STATUS_LABELS, version.status);
  return html`<div class="version" data-run="${version.runId}" data-status="${version.status}">
    数据版本：${version.runId} · 完成于 ${version.finishedAt ?? '—'} · 状态
    <span class="${version.status}">${status}</span>
  </div>`;
}

/** The whole HTML document of a board page. */
export function renderLayout(options: LayoutOptions): SafeHtml {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <!-- No icon: without this link browsers ask for /favicon.ico and log its 404. -->
        <link rel="icon" href="data:," />
        <title>${options.title} · 人社统计看板</title>
        <style>
          ${trusted(CSS)}
        </style>
      </head>
      <body>
        <header>
          <h1>人社统计看板</h1>
          ${renderVersion(options.version)}
        </header>
        <nav>
          ${BOARD_SECTIONS.map(
            (s) =>
              html`<a href="${s.href}" class="${s.key === options.section ? 'active' : ''}">${s.label}</a>`,
          )}
        </nav>
        <main>${options.body}</main>
      </body>
    </html>`;
}
