/**
 * 完成进度 page: indicators × regions for one month and target window, each cell the completion
 * (or the rate for ratios) and the gap to 时序进度 (or to the target), coloured by status, with the
 * filters as a plain GET form (no script).
 */
import { periodLabel, periodYear, type Period } from '../core/period.ts';
import { PROGRESS_STATUS_LABELS } from './board-labels.ts';
import { gapText, percentText, printedStatus, tableScale } from './board-figures.ts';
import { html, type SafeHtml } from './html.ts';
import type { ProgressCell, ProgressFilter, ProgressGrid } from '../warehouse/read-progress-grid.ts';
import type { ProgressIndicator } from '../warehouse/progress-indicator.ts';

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${value === (selected ?? '') ? 'selected' : ''}>${label}</option>`;
}

function cellText(indicator: ProgressIndicator, cell: ProgressCell): SafeHtml {
  const isRate = indicator.kind === 'ratio' || indicator.kind === 'rate';
  const main = percentText(isRate ? cell.actual : cell.completionPct);
  const gap = gapText(indicator, cell);
  return html`<div>${main}</div>
    <div class="small">${gap}</div>`;
}

function windowLabel(window: string, month: Period | null): string {
  return window === 'annual' ? `${month ? periodYear(month) : ''}年度` : `${window.replace('-', '–')}年`;
}

/** The page for `grid` as filtered by `filter`. */
export function renderProgressPage(grid: ProgressGrid, filter: ProgressFilter): SafeHtml {
  const cells = new Map(grid.cells.map((c) => [`${c.indicatorCode}|${c.issuer ?? ''}|${c.regionCode}`, c]));
  const regions = grid.regions.filter((r) => grid.cells.some((c) => c.regionCode === r.code));
  return html`<h2>完成进度${grid.month ? ` · ${periodLabel(grid.month)}` : ''}</h2>
    <form class="filters" method="get" action="/progress">
      <label
        >月份<select name="month">
          ${grid.months.map((m) => option(m, m, grid.month ?? undefined))}
        </select></label
      >
      <label
        >类别<select name="category">
          ${option('', '全部', filter.category)}${grid.categories.map((c) => option(c, c, filter.category))}
        </select></label
      >
      ${
        grid.issuers.length > 0
          ? html`<label
              >下达单位<select name="issuer">
                ${option('', '全部', filter.issuer)}${grid.issuers.map((i) => option(i, i, filter.issuer))}
              </select></label
            >`
          : ''
      }
      <label
        >目标期<select name="window">
          ${option('annual', '年度目标', filter.window)}${grid.windows.map((w) =>
            option(w, `${w.replace('-', '–')}年目标`, filter.window),
          )}
        </select></label
      >
      <button type="submit">筛选</button>
    </form>
    ${
      filter.month && grid.month && filter.month !== grid.month
        ? html`<p class="notice" id="month-notice">
            ${filter.month}没有完成进度数据，显示最近的${grid.month}。
          </p>`
        : ''
    }
    <p class="small">
      流量、存量指标显示完成目标的百分比和与时序进度之差；比率指标显示比率和与目标之差（个百分点，正数为好于目标：高于下限或低于上限）。目标期：${windowLabel(
        filter.window,
        grid.month,
      )}。
    </p>
    <div class="legend">
      ${(['met', 'ahead', 'level', 'behind', 'not_met', 'none'] as const).map(
        (s) => html`<span class="status p-${s}">${PROGRESS_STATUS_LABELS[s]}</span>`,
      )}
    </div>
    ${
      grid.rows.length === 0
        ? html`<p>所选条件下没有完成进度数据。</p>`
        : html`<div class="scroll">
            <table id="progress-grid">
              <thead>
                <tr>
                  <th class="sticky">指标</th>
                  <th>目标（全市）</th>
                  ${regions.map((r) => html`<th>${r.nameZh}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${grid.rows.map(({ indicator, issuer }) => {
                  const key = `${indicator.code}|${issuer ?? ''}`;
                  const city = regions[0] ? cells.get(`${key}|${regions[0].code}`) : undefined;
                  const target = city ? tableScale(indicator, [city.targetValue]) : null;
                  return html`<tr data-indicator="${indicator.code}" data-issuer="${issuer ?? ''}">
                    <th class="sticky">
                      <a href="/indicators/${indicator.code}?month=${grid.month ?? ''}"
                        >${indicator.nameZh}</a
                      >
                      <div class="small">${indicator.category}${issuer ? ` · ${issuer}` : ''}</div>
                    </th>
                    <td class="num">
                      ${city && target ? `${target.show(city.targetValue)}${target.unit}` : '—'}
                    </td>
                    ${regions.map((r) => {
                      const cell = cells.get(`${key}|${r.code}`);
                      if (!cell) return html`<td class="p-none num">—</td>`;
                      const status = printedStatus(indicator, cell);
                      return html`<td
                        class="num p-${status}"
                        data-region="${r.code}"
                        data-status="${status}"
                        data-completion="${cell.completionPct ?? ''}"
                        data-ahead="${cell.aheadPp ?? ''}"
                        data-actual="${cell.actual ?? ''}"
                        title="${PROGRESS_STATUS_LABELS[status]}"
                      >
                        ${cellText(indicator, cell)}
                      </td>`;
                    })}
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }`;
}
