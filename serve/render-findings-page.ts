/** 审核 page: the current findings, filtered by month, district, rule and severity through a plain GET form. */
import path from 'node:path';
import { labelOf, RULE_LABELS, SEVERITY_LABELS } from './board-labels.ts';
import { html, type SafeHtml } from './html.ts';
import type { FindingFilter, FindingList } from '../warehouse/read-findings.ts';

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${value === (selected ?? '') ? 'selected' : ''}>${label}</option>`;
}

/** Findings are many; the page shows this many rows at most and says so. */
export const FINDINGS_PAGE_LIMIT = 500;

/** The page for `list` filtered by `filter`. */
export function renderFindingsPage(list: FindingList, filter: FindingFilter): SafeHtml {
  const shown = list.rows.slice(0, FINDINGS_PAGE_LIMIT);
  return html`<h2>审核</h2>
    <form class="filters" method="get" action="/findings">
      <label
        >月份<select name="month">
          ${option('', '全部', filter.month)}${list.months.map((m) => option(m, m, filter.month))}
        </select></label
      >
      <label
        >区市<select name="region">
          ${option('', '全部', filter.region)}${list.regions.map((r) =>
            option(r.code, r.nameZh, filter.region),
          )}
        </select></label
      >
      <label
        >规则<select name="rule">
          ${option('', '全部', filter.rule)}${list.rules.map((r) =>
            option(r, labelOf(RULE_LABELS, r), filter.rule),
          )}
        </select></label
      >
      <label
        >类别<select name="severity">
          ${option('', '全部', filter.severity)}${Object.entries(SEVERITY_LABELS).map(([s, label]) =>
            option(s, label, filter.severity),
          )}
        </select></label
      >
      <button type="submit">筛选</button>
    </form>
    <p class="small" id="finding-count" data-count="${list.rows.length}">
      当前审核意见共${list.total}条，符合条件${list.rows.length}条${
        list.rows.length > shown.length ? `，显示前${shown.length}条，可按月份、区市或规则筛选` : ''
      }。
    </p>
    ${
      shown.length === 0
        ? html`<p>没有符合条件的审核意见。</p>`
        : html`<div class="scroll">
            <table id="findings">
              <thead>
                <tr>
                  <th>类别</th>
                  <th>规则</th>
                  <th>区市</th>
                  <th>月份</th>
                  <th>指标</th>
                  <th>说明</th>
                  <th>位置</th>
                </tr>
              </thead>
              <tbody>
                ${shown.map(
                  (f) =>
                    html`<tr
                      data-rule="${f.rule}"
                      data-severity="${f.severity}"
                      data-region="${f.regionCode ?? ''}"
                    >
                      <td class="nowrap">
                        <span class="status sev-${f.severity}"
                          >${f.severity === 'error' ? '错误' : '预警'}</span
                        >
                      </td>
                      <td class="nowrap">${labelOf(RULE_LABELS, f.rule)}</td>
                      <td class="nowrap">${f.regionName ?? ''}</td>
                      <td class="nowrap">${f.month ?? ''}</td>
                      <td>${f.indicatorName ?? ''}</td>
                      <td>${f.message}</td>
                      <td class="small">
                        ${
                          f.location
                            ? f.location
                                .split(' → ')
                                .map((p, i) => (i === 0 ? path.basename(p) : p))
                                .join(' → ')
                            : ''
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}
