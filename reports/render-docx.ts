/**
 * The bulletin as a Word document (.docx, `docx` package) in the form a bureau circulates (SPEC §9):
 * A4 with 公文 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), a red title and masthead
 * (期号, issuing unit, date), body in 仿宋 三号 at a fixed 28 pt line, headings in 黑体, page numbers
 * "— 1 —" at the foot, tables in 宋体 and the charts as PNG images. Fonts are named as offices have them
 * (仿宋_GB2312 → 仿宋, 黑体, 方正小标宋简体); where they are missing, Word or fontconfig substitutes
 * (Noto CJK on Debian, installed by `.ci/run`). Block by block, like Markdown and HTML.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { isMarkedCell, type Bulletin, type TextTable } from './bulletin/bulletin.ts';
import { bulletinBlocks } from './bulletin-blocks.ts';
import type { ChartPng } from './charts/draw-chart-pngs.ts';

/** Twips of `n` millimetres. */
const mm = (n: number) => Math.round(n * 56.7);
/** Body text: 仿宋 三号 (16 pt = 32 half-points). */
const BODY = {
  font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' },
  size: 32,
};
const HEI = { font: { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体' }, size: 32 };
const KAI = { font: { ascii: '楷体_GB2312', hAnsi: '楷体_GB2312', eastAsia: '楷体_GB2312' }, size: 32 };
const TITLE = {
  font: { ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', eastAsia: '方正小标宋简体' },
  size: 44,
};
const SONG = { font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: 20 };
const RED = 'C00000';
/** A fixed 28 pt line, as 公文 set 22 lines a page. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** Text width of an A4 page between 28 mm and 26 mm margins, in pixels at 96 dpi. */
const TEXT_WIDTH_PX = Math.floor(((210 - 28 - 26) / 25.4) * 96);

const run = (text: string, style: IRunOptions = BODY) => new TextRun({ ...style, text });

/**
 * Column widths (twips) over the text width: each column in proportion to its longest cell (CJK
 * characters count double), between 3 and 16 half-width characters, so names wrap less than numbers.
 */
function columnWidths(t: TextTable): number[] {
  const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const weights = t.header.map((h, col) =>
    Math.min(16, Math.max(3, Math.ceil(width(h) / 2), ...t.rows.map((r) => width(r[col]?.text ?? '')))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w / total) * mm(210 - 28 - 26)));
}

function table(t: TextTable): Table {
  const cell = (text: string, header: boolean, numeric: boolean, marked: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(text, { ...SONG, bold: header })],
        }),
      ],
      shading: header ? { fill: 'DDEBF7' } : marked ? { fill: 'F8CBAD' } : undefined,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
    });
  return new Table({
    width: { size: mm(210 - 28 - 26), type: WidthType.DXA },
    columnWidths: columnWidths(t),
    layout: TableLayoutType.FIXED,
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
    },
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true, false, false)) }),
      ...t.rows.map(
        (r, k) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, col) => cell(c.text, false, c.value !== undefined, isMarkedCell(t, k, col))),
          }),
      ),
    ],
  });
}

/** The Word document of `bulletin`, as bytes (`png`: the charts as images). */
export async function renderDocx(bulletin: Bulletin, png: ChartPng): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const block of bulletinBlocks(bulletin)) {
    switch (block.kind) {
      case 'title':
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240, line: 720, lineRule: LineRuleType.EXACT },
            children: [run(block.text, { ...TITLE, color: RED })],
          }),
        );
        break;
      case 'masthead':
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: LINE,
            children: [run(block.issueNumber)],
          }),
          new Paragraph({
            spacing: { ...LINE, after: 240 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
            tabStops: [{ type: 'right', position: mm(210 - 28 - 26) }],
            children: [run(block.issuer), run(`\t${block.issueDate}`)],
          }),
        );
        break;
      case 'subtitle':
        children.push(
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(block.text, KAI)] }),
        );
        break;
      case 'heading':
        children.push(
          new Paragraph({
            keepNext: true,
            spacing: LINE,
            indent: block.level === 1 ? { firstLine: 640 } : undefined,
            alignment: block.level === 1 ? AlignmentType.LEFT : AlignmentType.CENTER,
            children: [run(block.text, block.level === 3 ? { ...HEI, size: 24 } : HEI)],
          }),
        );
        break;
      case 'paragraph':
        children.push(
          new Paragraph({
            spacing: LINE,
            indent: { firstLine: 640 },
            alignment: AlignmentType.JUSTIFIED,
            children: [
              ...(block.lead ? [run(block.lead, KAI)] : []),
              ...(block.text ? [run(block.text)] : []),
            ],
          }),
        );
        break;
      case 'list':
        for (const item of block.items)
          children.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(item)] }));
        break;
      case 'table':
        children.push(table(block.table), new Paragraph({ spacing: { after: 120 }, children: [] }));
        break;
      case 'chart': {
        const size = block.chart.size.wide;
        const scale = Math.min(1, TEXT_WIDTH_PX / size.width);
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            children: [
              new ImageRun({
                type: 'png',
                data: png(block.chart),
                transformation: {
                  width: Math.round(size.width * scale),
                  height: Math.round(size.height * scale),
                },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run(block.caption, { ...SONG, size: 21 })],
          }),
        );
        break;
      }
      case 'note':
        children.push(
          new Paragraph({ spacing: { after: 120 }, children: [run(block.text, { ...SONG, size: 21 })] }),
        );
        break;
    }
  }
  const m = bulletin.masthead;
  const doc = new Document({
    creator: m.issuer,
    title: `${m.title}（${m.periodLabel}）`,
    styles: { default: { document: { run: BODY } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ ...SONG, size: 28, children: ['— ', PageNumber.CURRENT, ' —'] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
