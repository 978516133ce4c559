/**
 * 报送情况 pages: the districts × months grid, each cell a link to its detail, and the detail of
 * one cell — the files received, when each arrived, and every reason (file → sheet → cell).
 */
import { periodLabel } from '../core/period.ts';
import path from 'node:path';
import {
  FILE_STATUS_LABELS,
  labelOf,
  RULE_LABELS,
  SEVERITY_LABELS,
  SUBMISSION_STATUS_LABELS,
} from './board-labels.ts';
import { html, type SafeHtml } from './html.ts';
import type { SubmissionDetail } from '../warehouse/read-submission-detail.ts';
import type { SubmissionGrid } from '../warehouse/read-submission-grid.ts';

/** The grid of every district and month, the latest month first (it is the one asked about, and a phone shows it). */
export function renderSubmissionGrid(grid: SubmissionGrid): SafeHtml {
  const months = [...grid.months].reverse();
  if (grid.months.length === 0)
    return html`<h2>报送情况</h2>
      <p>尚未收到任何区市月报表。</p>`;
  const cells = new Map(grid.cells.map((c) => [`${c.regionCode}|${c.month}`, c]));
  const counts = new Map<string, number>();
  for (const c of grid.cells) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return html`<h2>报送情况</h2>
    <p class="small">各区市月报表的报送状态。点击单元格查看报表文件、到达时间和退回原因。</p>
    <div class="legend">
      ${Object.entries(SUBMISSION_STATUS_LABELS).map(
        ([status, label]) =>
          html`<span class="status s-${status}">${label}</span
            ><span class="small">${counts.get(status) ?? 0}</span>`,
      )}
    </div>
    <div class="scroll">
      <table id="submission-grid">
        <thead>
          <tr>
            <th class="sticky">区市</th>
            ${months.map((m) => html`<th>${periodLabel(m)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${grid.regions.map(
            (r) =>
              html`<tr>
                <th class="sticky">${r.nameZh}</th>
                ${months.map((m) => {
                  const cell = cells.get(`${r.code}|${m}`);
                  if (!cell) return html`<td></td>`;
                  const label = labelOf(SUBMISSION_STATUS_LABELS, cell.status);
                  return html`<td>
                    <a
                      class="status s-${cell.status}"
                      data-region="${r.code}"
                      data-month="${m}"
                      data-status="${cell.status}"
                      href="/submissions/${r.code}/${m}"
                      title="${r.nameZh} ${periodLabel(m)}：${label}"
                      >${label}</a
                    >
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/** Split a recorded location `file → sheet → cell` into its parts. */
function locationParts(location: string | null): { file: string; sheet: string; cell: string } {
  const [file = '', sheet = '', cell = ''] = (location ?? '').split(' → ');
  return { file: file ? path.basename(file) : '', sheet, cell };
}

/** The detail of one district and month. */
export function renderSubmissionDetail(detail: SubmissionDetail): SafeHtml {
  const status = labelOf(SUBMISSION_STATUS_LABELS, detail.status);
  return html`<h2>${detail.regionName} ${periodLabel(detail.month)} 报送情况</h2>
    <p><a href="/">← 返回报送情况</a></p>
    <dl class="facts">
      <dt>状态</dt>
      <dd><span class="status s-${detail.status}" id="detail-status">${status}</span></dd>
      <dt>报送截止</dt>
      <dd>${detail.deadline}</dd>
      <dt>首次到达</dt>
      <dd>${detail.receivedAt ?? '—'}</dd>
      <dt>最近修订</dt>
      <dd>${detail.revisedAt ?? '—'}</dd>
    </dl>
    <h3>收到的报表文件</h3>
    ${
      detail.files.length === 0
        ? html`<p>未收到报表文件。</p>`
        : html`<div class="scroll">
            <table id="files">
              <thead>
                <tr>
                  <th>文件</th>
                  <th>到达时间</th>
                  <th>处理结果</th>
                </tr>
              </thead>
              <tbody>
                ${detail.files.map(
                  (f) =>
                    html`<tr data-hash="${f.fileHash}">
                      <td>${f.fileName}</td>
                      <td class="num">${f.receivedAt}</td>
                      <td>
                        <span class="status s-${f.status === 'rejected' ? 'rejected' : 'on_time'}"
                          >${labelOf(FILE_STATUS_LABELS, f.status)}</span
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <h3>退回原因与审核意见</h3>
    ${
      detail.reasons.length === 0
        ? html`<p>没有审核意见。</p>`
        : html`<ol id="reasons" class="reasons">
            ${detail.reasons.map((r) => {
              const where = locationParts(r.location);
              return html`<li data-rule="${r.rule}">
                <div>
                  <span class="status sev-${r.severity}">${labelOf(SEVERITY_LABELS, r.severity)}</span>
                  <strong>${labelOf(RULE_LABELS, r.rule)}</strong> <span class="small">${r.rule}</span>
                </div>
                <dl class="facts">
                  <dt>文件</dt>
                  <dd>${where.file || '—'}</dd>
                  <dt>工作表</dt>
                  <dd>${where.sheet || '—'}</dd>
                  <dt>单元格</dt>
                  <dd>${where.cell || '—'}</dd>
                  <dt>指标</dt>
                  <dd>${r.indicatorName ?? '—'}</dd>
                  <dt>说明</dt>
                  <dd>${r.message}</dd>
                </dl>
              </li>`;
            })}
          </ol>`
    }`;
}
