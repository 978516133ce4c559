/**
 * An indicator's page: the charts (the city's series against target and 时序进度; the district
 * ranking), the monthly series of the city and every district with 同比, and the ranking table.
 */
import { Decimal } from 'decimal.js';
import { monthLabel, type Period } from '../core/period.ts';
import { roundHalfUp } from '../figures/format-number.ts';
import { sharedRanks } from '../figures/shared-ranks.ts';
import { PROGRESS_STATUS_LABELS } from './board-labels.ts';
import { gapText, percentText, printedStatus, tableScale } from './board-figures.ts';
import { html, type SafeHtml } from './html.ts';
import type { IndicatorPage } from '../warehouse/read-indicator-page.ts';
import { yearOnYear } from './year-on-year.ts';

const KIND_LABELS: Readonly<Record<string, string>> = {
  flow: '累计型',
  stock: '时点型',
  net_change: '净增',
  ratio: '比率',
  rate: '比率（仅全市）',
};

/** The unit a table column of this indicator is headed with. */
export function tableUnit(page: { indicator: { kind: string; displayUnit: string } }): string {
  const { kind, displayUnit } = page.indicator;
  return kind === 'ratio' || kind === 'rate' ? '%' : displayUnit;
}

/** The page, with the charts drawn by the caller. */
export function renderIndicatorPage(
  page: IndicatorPage,
  charts: { readonly series: SafeHtml | null; readonly ranking: SafeHtml | null },
): SafeHtml {
  const { indicator } = page;
  const unit = tableUnit(page);
  const months = [...new Set(page.series.map((s) => s.month))].sort();
  const points = new Map(page.series.map((s) => [`${s.regionCode}|${s.month}`, s]));
  const regions = page.regions.filter((r) => page.series.some((s) => s.regionCode === r.code));
  const city = page.regions.find((r) => r.level === 'city');
  const schedule = new Map(page.citySchedule.map((c) => [c.month, c]));
  const isFlow = indicator.kind === 'flow' || indicator.kind === 'net_change';
  const isRate = indicator.kind === 'ratio' || indicator.kind === 'rate';
  // What the schedule asks for by each month: the target × 时序进度.
  const due = (m: Period) => {
    const s = schedule.get(m);
    return s?.schedulePct ? new Decimal(s.targetValue).times(s.schedulePct).dividedBy(100).toString() : null;
  };
  // One scale per table, as the bulletin's (9896人, never 0.99万人).
  const seriesScale = tableScale(indicator, [
    ...page.series.map((s) => s.value),
    ...page.citySchedule.map((c) => c.targetValue),
    ...(isFlow ? months.map(due) : []),
  ]);
  const rankingScale = tableScale(
    indicator,
    page.ranking.flatMap((r) => [r.actual, r.targetValue]),
  );
  // Districts whose figure prints the same share a rank (1, 2, 2, 4).
  const ranks = sharedRanks(
    page.ranking.map((r) => (isRate ? percentText(r.actual) : percentText(r.completionPct))),
  );
  const windowText = page.window
    ? page.window.startYear === page.window.endYear
      ? `${page.window.startYear}年目标`
      : `${page.window.startYear}–${page.window.endYear}年目标`
    : '无目标';
  const about = html`<h2 id="indicator-name">${indicator.nameZh}</h2>
    <p class="small">
      ${indicator.category} · ${KIND_LABELS[indicator.kind] ?? indicator.kind} · 单位：${unit} ·
      ${indicator.direction === 'at_most' ? '目标为上限（控制在…以内）' : '目标为下限（达到…以上）'}${
        page.month === null ? '' : ` · ${windowText}`
      }
    </p>`;
  // An indicator the warehouse holds no figure of yet: nothing to choose, chart or rank.
  if (page.month === null && page.series.length === 0)
    return html`${about}
      <p id="no-data">该指标尚无数据。</p>`;
  return html`${about}
    <form class="filters" method="get" action="/indicators/${indicator.code}">
      <label
        >排名月份<select name="month">
          ${page.months.map(
            (m) => html`<option value="${m}" ${m === page.month ? 'selected' : ''}>${m}</option>`,
          )}
        </select></label
      >
      <button type="submit">查看</button>
      <a href="#ranking">区市排名 ↓</a>
    </form>
    ${charts.series ? html`<div class="chart" id="series-chart">${charts.series}</div>` : ''}
    <h3>${page.year}年逐月数据（${seriesScale.unit}）</h3>
    ${
      months.length === 0
        ? html`<p>${page.year}年尚无数据。</p>`
        : html`<div class="scroll">
            <table id="series">
              <thead>
                <tr>
                  <th class="sticky">区市</th>
                  ${months.map((m) => html`<th>${monthLabel(m)}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${regions.map(
                  (r) =>
                    html`<tr data-region="${r.code}">
                      <th class="sticky">${r.nameZh}</th>
                      ${months.map((m) => {
                        const p = points.get(`${r.code}|${m}`);
                        return html`<td class="num" data-month="${m}" data-value="${p?.value ?? ''}">
                          ${seriesScale.show(p?.value ?? null)}
                        </td>`;
                      })}
                    </tr>`,
                )}
                ${
                  city
                    ? html`<tr id="yoy">
                        <th class="sticky">全市同比</th>
                        ${months.map((m) => {
                          const p = points.get(`${city.code}|${m}`);
                          return html`<td class="num" data-month="${m}">
                            ${p ? yearOnYear(indicator.kind, p.yoyChange, p.yoyChangePct) : '—'}
                          </td>`;
                        })}
                      </tr>`
                    : ''
                }
                ${
                  page.citySchedule.length > 0
                    ? html`<tr>
                          <th class="sticky">全市目标</th>
                          ${months.map((m) => html`<td class="num">${seriesScale.show(schedule.get(m)?.targetValue ?? null)}</td>`)}
                        </tr>
                        ${
                          isFlow
                            ? html`<tr id="schedule">
                                  <th class="sticky">时序进度</th>
                                  ${months.map((m) => {
                                    const s = schedule.get(m);
                                    return html`<td class="num" data-month="${m}">
                                      ${s?.schedulePct ? `${roundHalfUp(s.schedulePct, 1)}%` : '—'}
                                    </td>`;
                                  })}
                                </tr>
                                <tr>
                                  <th class="sticky">按进度应完成</th>
                                  ${months.map((m) => html`<td class="num">${seriesScale.show(due(m))}</td>`)}
                                </tr>`
                            : ''
                        }`
                    : ''
                }
              </tbody>
            </table>
          </div>`
    }
    <h3 id="ranking">区市排名${page.month ? `（${page.month}，${windowText}）` : ''}</h3>
    ${charts.ranking ? html`<div class="chart" id="ranking-chart">${charts.ranking}</div>` : ''}
    ${
      page.ranking.length === 0
        ? html`<p>该指标没有分解到区市的目标，无法排名。</p>`
        : html`<div class="scroll">
            <table id="ranking-table">
              <thead>
                <tr>
                  <th>名次</th>
                  <th>区市</th>
                  <th>完成值（${rankingScale.unit}）</th>
                  <th>目标（${rankingScale.unit}）</th>
                  <th>${isFlow || indicator.kind === 'stock' ? '完成目标' : '与目标之差（正为好于目标）'}</th>
                  ${isFlow ? html`<th>与时序进度之差</th>` : ''}
                  <th>状态</th>
                </tr>
              </thead>
              <tbody>
                ${page.ranking.map((r, i) => {
                  const status = printedStatus(indicator, r);
                  return html`<tr
                    data-region="${r.regionCode}"
                    data-completion="${r.completionPct ?? ''}"
                    data-ahead="${r.aheadPp ?? ''}"
                  >
                    <td class="num">${ranks[i]}</td>
                    <td>${r.nameZh}</td>
                    <td class="num">${rankingScale.show(r.actual)}</td>
                    <td class="num">${rankingScale.show(r.targetValue)}</td>
                    <td class="num">
                      ${
                        r.completionPct !== null ? percentText(r.completionPct) : gapText(indicator, r) || '—'
                      }
                    </td>
                    ${isFlow ? html`<td class="num">${gapText(indicator, r) || '—'}</td>` : ''}
                    <td><span class="status p-${status}">${PROGRESS_STATUS_LABELS[status]}</span></td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }`;
}
