/**
 * The bulletin as Markdown: headings in the bulletin's order, paragraphs and pipe tables.
 * Deterministic (same bulletin, same bytes); text from returns is escaped so it cannot break a table.
 */
import type { Bulletin, TextTable } from './bulletin/build-bulletin.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Escape text for a Markdown table cell or line: pipes, backslashes, markup and line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*`[\]<>])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

function table(t: TextTable): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [line(t.header), `| ${t.header.map(() => '---').join(' | ')} |`, ...t.rows.map(line)];
}

/** Render `bulletin` as a Markdown document ending in a newline. */
export function renderMarkdown(bulletin: Bulletin): string {
  const out: string[] = [`# ${bulletin.title}`, '', `**${bulletin.periodLabel}**`, '', bulletin.note, ''];
  const section = (n: number, title: string) => out.push(`## ${NUMERALS[n - 1]}、${title}`, '');

  section(1, '重要指标完成情况');
  if (bulletin.highlights.length === 0) out.push('本期暂无入库数据。', '');
  bulletin.highlights.forEach((h, n) => {
    out.push(`（${NUMERALS[n]}）${h.category}。${h.sentences.join('；')}。`, '');
  });

  section(2, '各区市完成情况');
  if (bulletin.rankingNote) out.push(bulletin.rankingNote, '');
  for (const r of bulletin.rankings) out.push(`### ${r.caption}`, '', ...table(r), '');

  section(3, '慢于时序进度和未达到目标的指标');
  out.push('**全市**', '');
  out.push(...(bulletin.behindCity.length ? bulletin.behindCity.map((l) => `- ${l}`) : ['- 无']), '');
  out.push('**各区市**', '');
  out.push(
    ...(bulletin.behindDistricts.length ? bulletin.behindDistricts.map((l) => `- ${l}`) : ['- 无']),
    '',
  );
  if (bulletin.noData.length) out.push(`本期暂无数据的目标指标：${bulletin.noData.join('、')}。`, '');

  section(4, '报表报送情况');
  out.push(bulletin.submissionSummary, '');
  if (bulletin.rollupNote) out.push(bulletin.rollupNote, '');
  if (bulletin.submissions.rows.length) out.push(...table(bulletin.submissions), '');

  section(5, '待核实的预警');
  out.push(...(bulletin.warnings.rows.length ? table(bulletin.warnings) : ['本期无待核实的预警。']), '');

  section(6, '上期通报以来修订的数据');
  out.push(
    ...(bulletin.revisions.rows.length ? table(bulletin.revisions) : ['上期通报以来无数据修订。']),
    '',
  );

  out.push('## 附表 全市重要指标完成情况', '', ...table(bulletin.summary), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
