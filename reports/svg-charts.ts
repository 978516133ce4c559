/**
 * Server-side SVG charts for the HTML bulletin: plain strings, no browser, no external references.
 * Pure and deterministic (coordinates rounded to 0.1); every text goes through `escapeXml`.
 */

/** Escape text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const COLORS = { ahead: '#2e7d32', behind: '#c62828', neutral: '#1f5fa8', schedule: '#333', grid: '#ddd' };
const FONT = 12;
const n = (v: number) => (Math.round(v * 10) / 10).toString();
/** Rough width of a label: CJK characters are about one em, others half. */
const textWidth = (s: string) =>
  [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? FONT : FONT * 0.6), 0);

/** One horizontal bar: a completion percentage and the schedule it is compared with. */
export interface BarItem {
  readonly label: string;
  readonly pct: number;
  /** Time-schedule progress for this bar (null for levels without a schedule). */
  readonly schedulePct: number | null;
  readonly behind: boolean;
  /** Text printed after the bar, e.g. "89.1%". */
  readonly valueText: string;
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return (
    `<svg viewBox="0 0 ${n(width)} ${n(height)}" width="100%" role="img" aria-label="${escapeXml(title)}" ` +
    `font-size="${FONT}"><title>${escapeXml(title)}</title>${body.join('')}</svg>`
  );
}

/**
 * Horizontal bars of completion %, each with a tick at its own 时序进度 (or one dashed line when all
 * share it), and the 100% line. Behind-schedule bars are red, others green; levels are blue.
 */
export function barChart(title: string, items: readonly BarItem[]): string {
  const width = 640;
  const labelWidth = Math.min(260, Math.max(60, ...items.map((i) => textWidth(i.label))) + 8);
  const valueWidth = 64;
  const plotWidth = width - labelWidth - valueWidth;
  const row = 22;
  const schedules = [...new Set(items.map((i) => i.schedulePct))];
  const shared = schedules.length === 1 && schedules[0] !== null ? schedules[0]! : null;
  // A shared schedule line is labelled above the plot, clear of the bars.
  const top = shared === null ? 8 : 22;
  const axis = 18;
  const height = top + items.length * row + axis;
  const max = Math.max(100, ...items.map((i) => i.pct), ...items.map((i) => i.schedulePct ?? 0)) * 1.05;
  const x = (pct: number) => labelWidth + (Math.max(0, pct) / max) * plotWidth;
  const body: string[] = [];
  for (const tick of [0, 25, 50, 75, 100, 125, 150, 175, 200].filter((t) => t <= max)) {
    body.push(
      `<line x1="${n(x(tick))}" y1="${top}" x2="${n(x(tick))}" y2="${n(height - axis)}" stroke="${tick === 100 ? '#999' : COLORS.grid}"/>`,
      `<text x="${n(x(tick))}" y="${n(height - 4)}" text-anchor="middle" fill="#666">${tick}%</text>`,
    );
  }
  items.forEach((item, k) => {
    const y = top + k * row;
    const color = item.schedulePct === null ? COLORS.neutral : item.behind ? COLORS.behind : COLORS.ahead;
    body.push(
      `<text x="${n(labelWidth - 6)}" y="${n(y + row / 2 + 4)}" text-anchor="end">${escapeXml(item.label)}</text>`,
      `<rect x="${n(labelWidth)}" y="${n(y + 4)}" width="${n(x(item.pct) - labelWidth)}" height="${n(row - 8)}" fill="${color}"/>`,
      // The value sits after the bar or after the schedule mark, whichever ends further right.
      `<text x="${n(Math.max(x(item.pct), item.schedulePct === null ? 0 : x(item.schedulePct) + 1) + 4)}" y="${n(y + row / 2 + 4)}" fill="#222">${escapeXml(item.valueText)}</text>`,
    );
    if (item.schedulePct !== null && shared === null)
      body.push(
        `<line x1="${n(x(item.schedulePct))}" y1="${n(y + 1)}" x2="${n(x(item.schedulePct))}" y2="${n(y + row - 1)}" stroke="${COLORS.schedule}" stroke-width="2"/>`,
      );
  });
  if (shared !== null)
    body.push(
      `<line x1="${n(x(shared))}" y1="${top}" x2="${n(x(shared))}" y2="${n(height - axis)}" stroke="${COLORS.schedule}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<text x="${n(x(shared))}" y="${top - 8}" text-anchor="middle" fill="${COLORS.schedule}">时序进度${escapeXml(shared.toFixed(1))}%</text>`,
    );
  return svg(width, height, title, body);
}

/** A year's completion path: YTD completion % by month against the schedule line. */
export interface YtdSeries {
  readonly label: string;
  /** Months 1–12 with a completion %. */
  readonly completion: readonly { readonly month: number; readonly pct: number }[];
  /** Months 1–12 with the schedule %. */
  readonly schedule: readonly { readonly month: number; readonly pct: number }[];
}

/** A small line chart: completion % (solid) and 时序进度 (dashed) over the year, with the 100% line. */
export function ytdLineChart(series: YtdSeries): string {
  const width = 300;
  const height = 180;
  const left = 36;
  const right = 10;
  const top = 24;
  const bottom = 22;
  const max =
    Math.max(100, ...series.completion.map((p) => p.pct), ...series.schedule.map((p) => p.pct)) * 1.05;
  const x = (month: number) => left + (month / 12) * (width - left - right);
  const y = (pct: number) => top + (1 - Math.max(0, pct) / max) * (height - top - bottom);
  const path = (points: readonly { month: number; pct: number }[]) =>
    [{ month: 0, pct: 0 }, ...points]
      .map((p, k) => `${k === 0 ? 'M' : 'L'}${n(x(p.month))} ${n(y(p.pct))}`)
      .join(' ');
  const body: string[] = [`<text x="${left}" y="14" font-weight="bold">${escapeXml(series.label)}</text>`];
  for (const tick of [0, 50, 100, 150, 200].filter((t) => t <= max))
    body.push(
      `<line x1="${left}" y1="${n(y(tick))}" x2="${width - right}" y2="${n(y(tick))}" stroke="${tick === 100 ? '#999' : COLORS.grid}"/>`,
      `<text x="${left - 4}" y="${n(y(tick) + 4)}" text-anchor="end" fill="#666" font-size="10">${tick}%</text>`,
    );
  for (const month of [3, 6, 9, 12])
    body.push(
      `<text x="${n(x(month))}" y="${height - 6}" text-anchor="middle" fill="#666" font-size="10">${month}月</text>`,
    );
  body.push(
    `<path d="${path(series.schedule)}" fill="none" stroke="${COLORS.schedule}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<path d="${path(series.completion)}" fill="none" stroke="${COLORS.neutral}" stroke-width="2.5"/>`,
    ...series.completion.map(
      (p) => `<circle cx="${n(x(p.month))}" cy="${n(y(p.pct))}" r="2.5" fill="${COLORS.neutral}"/>`,
    ),
  );
  return svg(width, height, `${series.label}：累计完成进度与时序进度`, body);
}
