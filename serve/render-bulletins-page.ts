/**
 * 通报 pages: the months that have reports, each with a link per format found in the reports
 * folder; a month's page shows its HTML bulletin in a sandboxed frame (or its Markdown as text).
 */
import { periodLabel, type Period } from '../core/period.ts';
import { html, type SafeHtml } from './html.ts';
import type { ReportFile } from './list-report-files.ts';

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  html: '网页',
  md: 'Markdown',
  xlsx: 'Excel',
  docx: 'Word',
  pdf: 'PDF',
  csv: 'CSV',
  json: 'JSON',
  txt: '文本',
};

const STEM_LABELS: Readonly<Record<string, string>> = { bulletin: '月度通报', audit: '审核情况报告' };

function downloads(files: readonly ReportFile[]): SafeHtml {
  return html`${files.map(
    (f) =>
      html`<a
        class="download"
        href="/bulletins/files/${encodeURIComponent(f.name)}"
        download="${f.name}"
        data-format="${f.format}"
        >${FORMAT_LABELS[f.format] ?? f.format}</a
      > `,
  )}`;
}

/** Every month with its reports and their formats. */
export function renderBulletinList(files: readonly ReportFile[]): SafeHtml {
  const months = [...new Set(files.map((f) => f.month))];
  return html`<h2>通报</h2>
    ${
      months.length === 0
        ? html`<p>报表目录中还没有通报。</p>`
        : html`<div class="scroll">
            <table id="bulletins">
              <thead>
                <tr>
                  <th>月份</th>
                  <th>报表</th>
                  <th>下载</th>
                </tr>
              </thead>
              <tbody>
                ${months.map((m) => {
                  const ofMonth = files.filter((f) => f.month === m);
                  const stems = [...new Set(ofMonth.map((f) => f.stem))];
                  // One month cell for the month's reports (the bulletin, its 审核 report).
                  return stems.map(
                    (stem, k) =>
                      html`<tr data-month="${m}">
                        ${
                          k === 0
                            ? html`<td rowspan="${stems.length}">
                                <a href="/bulletins/${m}">${periodLabel(m)}</a>
                              </td>`
                            : ''
                        }
                        <td>${STEM_LABELS[stem] ?? stem}</td>
                        <td>${downloads(ofMonth.filter((f) => f.stem === stem))}</td>
                      </tr>`,
                  );
                })}
              </tbody>
            </table>
          </div>`
    }`;
}

/** One month: the downloads and the bulletin itself (`markdown` when there is no HTML version). */
export function renderBulletinMonth(
  month: Period,
  files: readonly ReportFile[],
  markdown: string | null,
): SafeHtml {
  const shown =
    files.find((f) => f.stem === 'bulletin' && f.format === 'html') ?? files.find((f) => f.format === 'html');
  return html`<h2>${periodLabel(month)} 通报</h2>
    <p><a href="/bulletins">← 返回通报列表</a></p>
    ${[...new Set(files.map((f) => f.stem))].map(
      (stem) =>
        html`<p data-stem="${stem}">
          ${STEM_LABELS[stem] ?? stem}下载：${downloads(files.filter((f) => f.stem === stem))}
        </p>`,
    )}
    ${
      shown
        ? html`<iframe
            class="bulletin"
            title="${shown.name}"
            sandbox
            src="/bulletins/files/${encodeURIComponent(shown.name)}?inline=1"
          ></iframe>`
        : markdown !== null
          ? html`<pre style="white-space:pre-wrap;background:#fff;padding:.6rem;border:1px solid #d7dde5">
${markdown}</pre>`
          : html`<p>没有可在页面中显示的版本。</p>`
    }`;
}
