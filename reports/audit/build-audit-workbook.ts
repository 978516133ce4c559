/**
 * The 审核 report as an Excel workbook: one sheet per district with findings (so a sheet can be sent
 * back as it is), printed on A4 landscape, fit to width, header repeated, wrapped text. Text from
 * returns is only ever a string value.
 */
import type ExcelJS from 'exceljs';
import { Workbook } from '../../core/exceljs.ts';
import { BODY_FONT, THIN_BORDER } from '../workbook-style.ts';
import type { AuditReport } from './build-audit-report.ts';

/** Build the workbook of `report` (`stamp`: the data's own time, for the document properties). */
export function buildAuditWorkbook(report: AuditReport, stamp: Date): ExcelJS.Workbook {
  const wb = new Workbook();
  wb.creator = 'kpi report';
  wb.created = stamp;
  wb.modified = stamp;
  const overview = wb.addWorksheet('汇总');
  overview.addRow([`${report.title}（${report.periodLabel}）`]).font = { ...BODY_FONT, bold: true, size: 14 };
  overview.addRow([report.summary]).font = BODY_FONT;
  const header = overview.addRow(['单位', '强制性审核（条）', '核实性审核（条）']);
  header.font = { ...BODY_FONT, bold: true };
  header.eachCell((c) => (c.border = THIN_BORDER));
  for (const g of report.groups)
    overview.addRow([g.region, g.errors, g.warnings]).eachCell((c) => (c.border = THIN_BORDER));
  overview.columns.forEach((c, k) => (c.width = [14, 18, 18][k]));
  for (const g of report.groups) {
    const sheet = wb.addWorksheet(g.region, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([`${g.region}审核情况（${report.periodLabel}）`]).font = {
      ...BODY_FONT,
      bold: true,
      size: 12,
    };
    const h = sheet.addRow([...g.table.header]);
    h.font = { ...BODY_FONT, bold: true };
    h.height = 30;
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    h.eachCell((c) => (c.border = THIN_BORDER));
    for (const r of g.table.rows) {
      const row = sheet.addRow([]);
      r.forEach((cell, k) => {
        const c = row.getCell(k + 1);
        c.value = cell.text;
        c.font = BODY_FONT;
        c.border = THIN_BORDER;
        c.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    sheet.columns.forEach((c, k) => (c.width = [16, 18, 22, 36, 60][k]));
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
  }
  return wb;
}
