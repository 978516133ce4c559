/**
 * The bulletin as Markdown, block by block (`bulletinBlocks`): headings, paragraphs and pipe tables;
 * charts are left to the formats that show images. Deterministic (same bulletin, same bytes); text
 * from returns is escaped so it cannot break a table.
 */
import type { Bulletin, TextTable } from './bulletin/bulletin.ts';
import { bulletinBlocks } from './bulletin-blocks.ts';

/** Escape text for a Markdown table cell or line: pipes, backslashes, markup and line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*`[\]<>])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

function table(t: TextTable): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [
    line(t.header),
    `| ${t.header.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => line(r.map((c) => c.text))),
  ];
}

/** Render `bulletin` as a Markdown document ending in a newline. */
export function renderMarkdown(bulletin: Bulletin): string {
  const out: string[] = [];
  for (const block of bulletinBlocks(bulletin)) {
    switch (block.kind) {
      case 'title':
        out.push(`# ${block.text}`);
        break;
      case 'masthead':
        out.push(`${block.issueNumber}　${block.issuer}　${block.issueDate}`);
        break;
      case 'subtitle':
        out.push(`**${block.text}**`);
        break;
      case 'heading':
        out.push(`${'#'.repeat(block.level + 1)} ${block.text}`);
        break;
      case 'paragraph':
        out.push(`${block.lead ? `**${escapeMarkdown(block.lead)}**` : ''}${escapeMarkdown(block.text)}`);
        break;
      case 'list':
        out.push(block.items.map((l) => `- ${escapeMarkdown(l)}`).join('\n'));
        break;
      case 'table':
        out.push(table(block.table).join('\n'));
        break;
      case 'chart':
        continue;
      case 'note':
        out.push(escapeMarkdown(block.text));
        break;
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
