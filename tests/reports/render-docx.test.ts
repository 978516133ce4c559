import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/write-report.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden', 'bulletin-2022-10.docx.txt');

/** A part of the .docx package as text. */
const part = (file: string, name: string) => execFileSync('unzip', ['-p', file, name]).toString();

/** The document's text: one line per paragraph, table cells separated by " | ". */
function documentText(xml: string): string {
  const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const lines: string[] = [];
  for (const m of xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    if (m[0].startsWith('<w:tr'))
      lines.push([...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])).join(' | '));
    else lines.push(text(m[0]));
  }
  return `${lines
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')}\n`;
}

// Issue 13: the bulletin as a Word document in the form a bureau circulates.
describe('writeReport: Word', () => {
  let file = '';
  beforeAll(async () => {
    file = await withTestWarehouse(async (w) => {
      await loadOctober2022(w);
      const out = await mkdtemp(path.join(tmpdir(), 'kpi-docx-'));
      const [f] = await writeReport(w.connection, { period: '2022-10', formats: ['docx'], outDir: out });
      return f!;
    });
  }, 300_000);

  it('holds the bulletin’s text and tables as the golden file', async () => {
    const text = documentText(part(file, 'word/document.xml'));
    // UPDATE_GOLDEN=1 rewrites the golden file after a deliberate change; review its diff by hand.
    if (process.env.UPDATE_GOLDEN) await writeFile(GOLDEN, text);
    expect(text).toBe(await readFile(GOLDEN, 'utf8'));
  });

  it('is A4 with 公文 margins, 仿宋 body, 黑体 headings, page numbers and the charts as PNG', () => {
    const xml = part(file, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(part(file, 'word/footer1.xml')).toContain('PAGE');
    const media =
      execFileSync('unzip', ['-l', file])
        .toString()
        .match(/word\/media\/\S+\.png/g) ?? [];
    expect(media).toHaveLength(5);
  });
});
