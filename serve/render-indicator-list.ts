/** The 指标 page: every indicator grouped by category, each a link to its own page. */
import { html, type SafeHtml } from './html.ts';
import type { IndicatorListItem } from '../warehouse/read-indicator-list.ts';

/** The list, categories in catalogue order. */
export function renderIndicatorList(items: readonly IndicatorListItem[]): SafeHtml {
  const categories = [...new Set(items.map((i) => i.category))];
  return html`<h2>指标</h2>
    ${categories.map(
      (c) =>
        html`<h3>${c}</h3>
          <ul class="plain">
            ${items
              .filter((i) => i.category === c)
              .map(
                (i) =>
                  html`<li>
                    <a href="/indicators/${i.code}" data-indicator="${i.code}">${i.nameZh}</a>
                    <span class="small">（${i.displayUnit}）</span>
                  </li>`,
              )}
          </ul>`,
    )}`;
}
