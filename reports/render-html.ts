/**
 * The bulletin as one self-contained HTML file for screen and A4 print, block by block
 * (`bulletinBlocks`): inline CSS and inline ECharts SVG charts, each drawn twice — a wide one for A4
 * and desktop, a narrow one shown below 600 px so labels stay legible on a phone. No scripts, fonts,
 * images or links to anything outside the file. Deterministic.
 */
import { isMarkedCell, type Bulletin, type TextTable } from './bulletin/bulletin.ts';
import { bulletinBlocks } from './bulletin-blocks.ts';

/** Escape text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
@page { size: A4; margin: 16mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  color: #222; max-width: 180mm; margin: 0 auto; padding: 8mm 4mm; font-size: 12pt; line-height: 1.75; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 20pt;
  text-align: center; margin: 0 0 2mm; font-weight: normal; color: #b00000; }
.masthead { text-align: center; border-bottom: 2px solid #b00000; padding-bottom: 2mm; margin: 0 0 4mm; }
.period { text-align: center; font-weight: bold; margin: 0 0 4mm; }
h2, h3, h4 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: normal; break-after: avoid; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; }
h4 { font-size: 11pt; margin: 4mm 0 2mm; }
p { text-indent: 2em; margin: 0 0 2mm; text-align: justify; }
p b { font-family: "KaiTi", "楷体", "Noto Serif CJK SC", serif; }
.note { color: #555; font-size: 9pt; text-indent: 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2mm 0 2mm; break-inside: auto;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; }
th { background: #eef2f7; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
td.marked { background: #fde8e8; }
figure { margin: 3mm 0 5mm; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figure .narrow { display: none; }
figcaption { font-size: 9pt; color: #555; text-align: center; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
@media (max-width: 600px) {
  body { font-size: 11pt; padding: 4mm 3mm; }
  h1 { font-size: 16pt; }
  figure .wide { display: none; }
  figure .narrow { display: block; }
}
`;

const NUMERIC = /^[+-]?\d[\d.,]*%?$|^—$/;

function table(t: TextTable): string {
  const head = `<tr>${t.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map(
    (r, k) =>
      `<tr>${r
        .map((c, col) => {
          const classes = [NUMERIC.test(c.text) ? 'num' : '', isMarkedCell(t, k, col) ? 'marked' : ''].filter(
            Boolean,
          );
          return `<td${classes.length ? ` class="${classes.join(' ')}"` : ''}>${escapeXml(c.text)}</td>`;
        })
        .join('')}</tr>`,
  );
  return `<div class="table"><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Render `bulletin` as a complete HTML document. */
export function renderHtml(bulletin: Bulletin): string {
  const out: string[] = [];
  for (const block of bulletinBlocks(bulletin)) {
    switch (block.kind) {
      case 'title':
        out.push(`<h1>${escapeXml(block.text)}</h1>`);
        break;
      case 'masthead':
        out.push(
          `<p class="masthead">${escapeXml(block.issueNumber)}　${escapeXml(block.issuer)}　${escapeXml(block.issueDate)}</p>`,
        );
        break;
      case 'subtitle':
        out.push(`<p class="period">${escapeXml(block.text)}</p>`);
        break;
      case 'heading':
        out.push(`<h${block.level + 1}>${escapeXml(block.text)}</h${block.level + 1}>`);
        break;
      case 'paragraph':
        out.push(`<p>${block.lead ? `<b>${escapeXml(block.lead)}</b>` : ''}${escapeXml(block.text)}</p>`);
        break;
      case 'list':
        out.push(`<ul>${block.items.map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>`);
        break;
      case 'table':
        out.push(table(block.table));
        break;
      case 'chart': {
        const c = block.chart;
        // Inline SVG in HTML needs no namespace declarations; without them the page names no URL at all.
        const svg = (layout: 'wide' | 'narrow') =>
          `<div class="${layout}">${c.svg(layout).replace(/ xmlns(?::xlink)?="[^"]*"/g, '')}</div>`;
        out.push(
          `<figure>${svg('wide')}${svg('narrow')}<figcaption>${escapeXml(block.caption)}</figcaption></figure>`,
        );
        break;
      }
      case 'note':
        out.push(`<p class="note">${escapeXml(block.text)}</p>`);
        break;
    }
  }
  const m = bulletin.masthead;
  return (
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeXml(`${m.title}（${m.periodLabel}）`)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    `${out.join('\n')}\n</body>\n</html>\n`
  );
}
