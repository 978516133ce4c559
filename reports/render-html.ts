/**
 * The bulletin as one self-contained HTML file for screen and A4 print: inline CSS, inline SVG charts
 * made here (no scripts, fonts, images or links to anything outside the file). Deterministic.
 */
import type { Decimal } from 'decimal.js';
import type { Bulletin, TextTable } from './bulletin/build-bulletin.ts';
import { indicatorFigure } from './bulletin/indicator-figure.ts';
import {
  DEFAULT_PERCENT_PLACES,
  formatPercent,
  scheduleStatus,
  type PercentPlaces,
} from './format-number.ts';
import type { ReportData } from './report-data.ts';
import { barChart, escapeXml, ytdLineChart, type BarItem } from './svg-charts.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const CSS = `
@page { size: A4; margin: 16mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
  color: #222; max-width: 180mm; margin: 0 auto; padding: 8mm 0; font-size: 10.5pt; line-height: 1.7; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; }
.period { text-align: center; font-weight: bold; margin: 0 0 4mm; }
.note { color: #555; font-size: 9pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
p { text-indent: 2em; margin: 0 0 2mm; text-align: justify; }
p.plain { text-indent: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2mm 0 4mm; break-inside: auto; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; }
th { background: #eef2f7; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
tr.marked td { background: #fde8e8; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figcaption { font-size: 9pt; color: #555; text-align: center; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }
.legend span { display: inline-block; margin-right: 4mm; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 1mm; vertical-align: middle; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
`;

const NUMERIC = /^[+-]?\d[\d.,]*%?$|^—$/;

function table(t: TextTable): string {
  const head = `<tr>${t.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map(
    (r, k) =>
      `<tr${t.marked[k] ? ' class="marked"' : ''}>${r
        .map((c) => `<td${NUMERIC.test(c) ? ' class="num"' : ''}>${escapeXml(c)}</td>`)
        .join('')}</tr>`,
  );
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

const num = (d: Decimal | null) => (d === null ? 0 : d.toNumber());

/** City bars: completion of every headline flow, net change and stock with a target. */
function cityBars(bulletin: Bulletin, data: ReportData, places: PercentPlaces): BarItem[] {
  const names = new Set(bulletin.summary.rows.map((r) => r[1]));
  return data.indicators
    .filter((i) => names.has(i.nameZh) && i.kind !== 'ratio' && i.kind !== 'rate')
    .flatMap((i) => {
      const w = indicatorFigure(data, i, data.city.code).windows[0];
      if (!w?.completionPct) return [];
      return [
        {
          label: i.nameZh,
          pct: num(w.completionPct),
          schedulePct: w.schedulePct === null ? null : num(w.schedulePct),
          behind:
            w.met !== true && w.aheadPp !== null && scheduleStatus(w.aheadPp, places.sentence) === 'behind',
          valueText: formatPercent(w.completionPct, places.sentence),
        },
      ];
    });
}

/** Render `bulletin` (with the figures of `data` for the charts) as a complete HTML document. */
export function renderHtml(
  bulletin: Bulletin,
  data: ReportData,
  percentPlaces: PercentPlaces = DEFAULT_PERCENT_PLACES,
): string {
  const out: string[] = [];
  const section = (k: number, title: string) => out.push(`<h2>${NUMERALS[k - 1]}、${escapeXml(title)}</h2>`);
  const para = (text: string, plain = false) =>
    out.push(`<p${plain ? ' class="plain"' : ''}>${escapeXml(text)}</p>`);
  const list = (lines: readonly string[]) =>
    out.push(`<ul>${(lines.length ? lines : ['无']).map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>`);
  const legend =
    '<div class="legend note"><span><i style="background:#2e7d32"></i>快于或持平时序进度</span>' +
    '<span><i style="background:#c62828"></i>慢于时序进度</span><span><i style="background:#1f5fa8"></i>时点指标</span>' +
    '<span>竖线：时序进度</span></div>';

  out.push(
    `<h1>${escapeXml(bulletin.title)}</h1>`,
    `<p class="period">${escapeXml(bulletin.periodLabel)}</p>`,
  );
  out.push(`<p class="plain note">${escapeXml(bulletin.note)}</p>`);

  section(1, '重要指标完成情况');
  if (bulletin.highlights.length === 0) para('本期暂无入库数据。', true);
  bulletin.highlights.forEach((h, k) => para(`（${NUMERALS[k]}）${h.category}。${h.sentences.join('；')}。`));
  const bars = cityBars(bulletin, data, percentPlaces);
  if (bars.length)
    out.push(
      `<figure>${barChart('全市重要指标完成进度与时序进度', bars)}${legend}<figcaption>图1 全市重要指标完成进度与时序进度</figcaption></figure>`,
    );
  const lines = data.indicators.flatMap((i) => {
    if (!bars.some((b) => b.label === i.nameZh) || (i.kind !== 'flow' && i.kind !== 'net_change')) return [];
    const history = data.cityHistory.filter(
      (h) => h.indicatorCode === i.code && h.startYear === data.year && h.endYear === data.year,
    );
    if (history.length === 0) return [];
    return [
      ytdLineChart({
        label: i.nameZh,
        completion: history.flatMap((h) =>
          h.completionPct ? [{ month: h.month, pct: num(h.completionPct) }] : [],
        ),
        schedule: Array.from({ length: 12 }, (_, k) => {
          const own = history.find((h) => h.month === k + 1)?.schedulePct;
          return { month: k + 1, pct: own ? num(own) : ((k + 1) * 100) / 12 };
        }),
      }),
    ];
  });
  if (lines.length)
    out.push(
      `<figure><div class="grid">${lines.join('')}</div><figcaption>图2 ${data.year}年累计完成进度（实线）与时序进度（虚线）</figcaption></figure>`,
    );

  section(2, '各区市完成情况');
  if (bulletin.rankingNote) para(bulletin.rankingNote, true);
  bulletin.rankings.forEach((r, k) => {
    out.push(`<h3>${escapeXml(r.caption)}</h3>`);
    const items: BarItem[] = [];
    r.rows.forEach((row, m) => {
      if (row[0] === '') return;
      const f = indicatorFigure(data, r.indicator, data.districts.find((d) => d.nameZh === row[1])!.code);
      const w = f.windows[0]!;
      items.push({
        label: row[1]!,
        pct: num(w.completionPct),
        schedulePct: w.schedulePct === null ? null : num(w.schedulePct),
        behind: r.marked[m]!,
        valueText: formatPercent(w.completionPct!, percentPlaces.sentence),
      });
    });
    out.push(
      `<figure>${barChart(`${r.indicator.nameZh}各区市完成进度`, items)}<figcaption>图${3 + k} ${escapeXml(r.indicator.nameZh)}各区市完成进度排名</figcaption></figure>`,
      table(r),
    );
  });

  section(3, '慢于时序进度和未达到目标的指标');
  para('全市', true);
  list(bulletin.behindCity);
  para('各区市', true);
  list(bulletin.behindDistricts);
  if (bulletin.noData.length) para(`本期暂无数据的目标指标：${bulletin.noData.join('、')}。`, true);

  section(4, '报表报送情况');
  para(bulletin.submissionSummary, true);
  if (bulletin.rollupNote) para(bulletin.rollupNote, true);
  if (bulletin.submissions.rows.length) out.push(table(bulletin.submissions));

  section(5, '待核实的预警');
  if (bulletin.warnings.rows.length) out.push(table(bulletin.warnings));
  else para('本期无待核实的预警。', true);

  section(6, '上期通报以来修订的数据');
  if (bulletin.revisions.rows.length) out.push(table(bulletin.revisions));
  else para('上期通报以来无数据修订。', true);

  out.push('<h2>附表 全市重要指标完成情况</h2>', table(bulletin.summary));

  return (
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeXml(`${bulletin.title}（${bulletin.periodLabel}）`)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    `${out.join('\n')}\n</body>\n</html>\n`
  );
}
