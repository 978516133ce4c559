/**
 * The bulletin's tables as a print-ready Excel workbook (exceljs), taken from the bulletin model, never
 * recomputed: 汇总, 区市完成情况, 报送与修订 and 图表 (the charts as PNG). Each sheet prints on A4, fit to
 * width, with its header row repeated on every page, thin borders, wrapped header rows of fixed height,
 * and the mark only on the cells `isMarkedCell` names. Cells hold the printed numbers with number formats;
 * text from returns is only ever a string value.
 */
import type ExcelJS from 'exceljs';
import { Workbook } from '../core/exceljs.ts';
import { BODY_FONT, THIN_BORDER } from './workbook-style.ts';
import { isMarkedCell, type Bulletin, type TextTable } from './bulletin/bulletin.ts';
import type { ChartPng } from './charts/draw-chart-pngs.ts';

/** Fill of a cell behind schedule (or short of its target). */
export const BEHIND_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8CBAD' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A4, fit to one page wide, as many pages tall as needed, centred, the given rows repeated on each page. */
function printSetup(sheet: ExcelJS.Worksheet, landscape: boolean, titleRows: string | null): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  sheet.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function titleRow(sheet: ExcelJS.Worksheet, text: string, width: number, size = 14): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, Math.max(1, width));
  row.font = { ...BODY_FONT, bold: true, size };
  row.alignment = { horizontal: 'center', vertical: 'middle' };
  row.height = size * 2;
}

function noteRow(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, Math.max(1, width));
  row.font = { ...BODY_FONT, size: 9, color: { argb: 'FF555555' } };
  row.alignment = { wrapText: true, vertical: 'top' };
  // Wrapped merged cells do not grow by themselves: about 90 characters a line at width ~130.
  row.height = 14 * Math.max(1, Math.ceil(text.length / 90));
}

/** Add `t` to `sheet`: a header row (wrapped, bordered, filled) and its rows; returns the header's row number. */
function addTable(sheet: ExcelJS.Worksheet, t: TextTable): number {
  const header = sheet.addRow([...t.header]);
  header.font = { ...BODY_FONT, bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 32;
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN_BORDER;
  });
  t.rows.forEach((cells, k) => {
    const row = sheet.addRow([]);
    row.font = BODY_FONT;
    cells.forEach((cell, col) => {
      const c = row.getCell(col + 1);
      c.value = cell.value ?? (cell.text === '—' ? '—' : cell.text);
      if (cell.numFmt) c.numFmt = cell.numFmt;
      c.border = THIN_BORDER;
      c.alignment =
        cell.value !== undefined || cell.text === '—'
          ? { horizontal: 'right', vertical: 'middle' }
          : { vertical: 'middle', wrapText: true };
      if (isMarkedCell(t, k, col)) c.fill = BEHIND_FILL;
    });
  });
  if (t.note) noteRow(sheet, t.note, t.header.length);
  return header.number;
}

/**
 * Build the workbook of `bulletin` (`stamp`: the data's own time, for the document properties;
 * `png`: the charts as images).
 */
export function buildWorkbook(bulletin: Bulletin, stamp: Date, png: ChartPng): ExcelJS.Workbook {
  const wb = new Workbook();
  wb.creator = 'kpi report';
  wb.created = stamp;
  wb.modified = stamp;
  const m = bulletin.masthead;

  const summary = wb.addWorksheet('汇总', { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  const width = bulletin.summary.header.length;
  titleRow(summary, `${m.title}（${m.periodLabel}）`, width);
  noteRow(summary, `${m.issuer}　${m.issueNumber}　${m.issueDate}`, width);
  const header = addTable(summary, bulletin.summary);
  noteRow(summary, bulletin.note, width);
  summary.columns.forEach((c, k) => (c.width = [10, 30, 8, 12, 12, 11, 11, 11, 13, 9][k]));
  printSetup(summary, true, `${header}:${header}`);

  const districts = wb.addWorksheet('区市完成情况', { views: [{ state: 'frozen', ySplit: 1 }] });
  titleRow(districts, `各区市完成情况（${m.periodLabel}）`, 6);
  if (bulletin.rankingNote) noteRow(districts, bulletin.rankingNote, 6);
  for (const r of bulletin.rankings) {
    titleRow(districts, r.caption, 6, 11);
    addTable(districts, r);
    districts.addRow([]);
  }
  districts.columns.forEach((c, k) => (c.width = [7, 12, 18, 16, 12, 14][k]));
  printSetup(districts, false, '1:1');

  const notes = wb.addWorksheet('报送与修订', { views: [{ state: 'frozen', ySplit: 1 }] });
  titleRow(notes, `报表报送情况（${m.periodLabel}）`, 7);
  noteRow(notes, bulletin.submission.summary, 7);
  if (bulletin.submission.rollupNote) noteRow(notes, bulletin.submission.rollupNote, 7);
  if (bulletin.submission.table.rows.length) addTable(notes, bulletin.submission.table);
  notes.addRow([]);
  titleRow(notes, '上期通报以来修订的数据', 7, 11);
  if (bulletin.revisions.rows.length) addTable(notes, bulletin.revisions);
  else noteRow(notes, '上期通报以来无数据修订。', 7);
  notes.columns.forEach((c, k) => (c.width = [10, 12, 22, 8, 12, 12, 18][k]));
  printSetup(notes, true, '1:1');

  if (bulletin.charts.length) {
    const charts = wb.addWorksheet('图表');
    titleRow(charts, `图表（${m.periodLabel}）`, 8);
    let row = 2;
    for (const c of bulletin.charts) {
      const size = c.size.wide;
      const image = wb.addImage({ buffer: png(c) as unknown as ExcelJS.Buffer, extension: 'png' });
      charts.getCell(row, 1).value = c.caption;
      charts.getCell(row, 1).font = { ...BODY_FONT, bold: true };
      charts.addImage(image, { tl: { col: 0, row }, ext: { width: size.width, height: size.height } });
      // Default rows are 20 px tall.
      row += Math.ceil(size.height / 20) + 2;
    }
    printSetup(charts, false, null);
  }
  return wb;
}
