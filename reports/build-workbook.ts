/**
 * The bulletin's tables as an Excel workbook (exceljs) a statistician can forward: a summary, one
 * sheet per category (区市 × 指标), district completion, returns and warnings; units in headers,
 * frozen panes, number formats, behind-schedule cells filled. Text from returns is only ever a string value.
 */
import type { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Bulletin } from './bulletin/build-bulletin.ts';
import { indicatorFigure, type IndicatorFigure } from './bulletin/indicator-figure.ts';
import { displayFactor, scheduleStatus, ytdLabel, type PercentPlaces } from './format-number.ts';
import type { ReportData, ReportIndicator } from './report-data.ts';

/** Fill of a cell behind schedule (or short of its target). */
export const BEHIND_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8CBAD' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const PERCENT_FORMAT = '0.00%';
const PP_FORMAT = '+0.00;-0.00;0.00';

/** Number format of a value in its display unit: two decimals for 万/亿 and rates, whole numbers otherwise. */
export function displayFormat(i: ReportIndicator): string {
  return i.unit === '%' || !displayFactor(i.displayUnit).eq(1) ? '0.00' : '0';
}

const valueIn = (i: ReportIndicator, v: Decimal | null): number | null =>
  v === null ? null : v.dividedBy(i.unit === '%' ? 1 : displayFactor(i.displayUnit)).toNumber();

/** Behind schedule (cumulative kinds, at the displayed precision) or a ratio/rate short of its target. */
function isBehind(f: IndicatorFigure, places: number): boolean {
  const w = f.windows[0];
  if (!w) return false;
  if (f.indicator.kind === 'ratio' || f.indicator.kind === 'rate') return w.met === false;
  if (f.indicator.kind === 'stock' || w.met === true || w.aheadPp === null) return false;
  return scheduleStatus(w.aheadPp, places) === 'behind';
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
}

function titleRow(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  sheet.addRow([text]);
  sheet.mergeCells(1, 1, 1, Math.max(1, width));
  sheet.getRow(1).font = { bold: true, size: 13 };
}

/** Build the workbook of `data` (tables of `bulletin` reused for returns, warnings and revisions). */
export function buildWorkbook(data: ReportData, bulletin: Bulletin, places: PercentPlaces): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpi report';
  // The data's own time, so the same warehouse state gives the same document properties.
  const stamp = new Date(`${(data.dataAsOf ?? `${data.year}-01-01 00:00`).replace(' ', 'T')}:00+08:00`);
  wb.created = stamp;
  wb.modified = stamp;
  const period = `${data.year}年${ytdLabel(data.month)}`;
  const regions = [data.city, ...data.districts];
  const figures = new Map<string, IndicatorFigure>();
  const figure = (i: ReportIndicator, regionCode: string) => {
    const key = `${i.code}|${regionCode}`;
    if (!figures.has(key)) figures.set(key, indicatorFigure(data, i, regionCode));
    return figures.get(key)!;
  };
  const observed = (i: ReportIndicator) => data.observations.some((o) => o.indicatorCode === i.code);

  // 汇总: the city's figures, one row per indicator with a figure or a target.
  const summary = wb.addWorksheet('汇总', { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  const summaryHeader = [
    '类别',
    '指标',
    '单位',
    `${period}累计/月末`,
    '目标',
    '目标期',
    '完成进度',
    '时序进度',
    '较时序进度（个百分点）',
    '是否达标',
  ];
  titleRow(summary, `${bulletin.title}（${period}）`, summaryHeader.length);
  summary.addRow([bulletin.note]);
  summary.mergeCells(2, 1, 2, summaryHeader.length);
  styleHeader(summary.addRow(summaryHeader));
  for (const i of data.indicators) {
    if (!observed(i) && !data.targetedIndicatorCodes.includes(i.code)) continue;
    const f = figure(i, data.city.code);
    const w = f.windows[0];
    const t = w ?? data.cityTargets.find((x) => x.indicatorCode === i.code);
    const cumulative = i.kind === 'flow' || i.kind === 'net_change';
    const row = summary.addRow([
      i.category,
      i.nameZh,
      i.displayUnit,
      valueIn(i, f.value),
      t ? valueIn(i, t.target) : null,
      t ? (t.startYear === t.endYear ? String(t.startYear) : `${t.startYear}-${t.endYear}`) : null,
      w?.completionPct ? w.completionPct.dividedBy(100).toNumber() : null,
      w?.schedulePct ? w.schedulePct.dividedBy(100).toNumber() : null,
      w?.aheadPp && cumulative ? w.aheadPp.toNumber() : null,
      w?.met == null ? null : w.met ? '是' : '否',
    ]);
    row.getCell(4).numFmt = displayFormat(i);
    row.getCell(5).numFmt = displayFormat(i);
    row.getCell(7).numFmt = PERCENT_FORMAT;
    row.getCell(8).numFmt = PERCENT_FORMAT;
    row.getCell(9).numFmt = PP_FORMAT;
    if (isBehind(f, places.table)) for (const c of [7, 9, 10]) row.getCell(c).fill = BEHIND_FILL;
  }
  summary.columns.forEach((c, k) => (c.width = [10, 30, 8, 16, 12, 11, 11, 11, 14, 9][k]));

  // One sheet per category: regions × indicators, values in the display unit named in the header.
  for (const category of [...new Set(data.indicators.map((i) => i.category))]) {
    const indicators = data.indicators.filter((i) => i.category === category && observed(i));
    const sheet = wb.addWorksheet(category, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    titleRow(sheet, `${category}（${period}）`, indicators.length + 1);
    styleHeader(sheet.addRow(['区市', ...indicators.map((i) => `${i.nameZh}（${i.displayUnit}）`)]));
    for (const r of regions) {
      const row = sheet.addRow([r.nameZh, ...indicators.map((i) => valueIn(i, figure(i, r.code).value))]);
      indicators.forEach((i, k) => {
        const cell = row.getCell(k + 2);
        cell.numFmt = displayFormat(i);
        if (isBehind(figure(i, r.code), places.table)) cell.fill = BEHIND_FILL;
      });
    }
    sheet.getColumn(1).width = 10;
    indicators.forEach((_, k) => (sheet.getColumn(k + 2).width = 16));
  }

  // 区市完成进度: regions × indicators with targets, completion as a percentage.
  const targeted = data.indicators.filter(
    (i) =>
      i.kind !== 'ratio' &&
      i.kind !== 'rate' &&
      regions.some((r) => figure(i, r.code).windows[0]?.completionPct != null),
  );
  const matrix = wb.addWorksheet('区市完成进度', { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  titleRow(matrix, `各区市完成进度（${period}，%）`, targeted.length + 1);
  const scheduleRow = matrix.addRow([
    '时序进度',
    ...targeted.map((i) => {
      const w = regions.map((r) => figure(i, r.code).windows[0]).find((x) => x?.schedulePct);
      return w?.schedulePct ? w.schedulePct.dividedBy(100).toNumber() : null;
    }),
  ]);
  scheduleRow.font = { italic: true };
  targeted.forEach((_, k) => (scheduleRow.getCell(k + 2).numFmt = PERCENT_FORMAT));
  styleHeader(matrix.addRow(['区市', ...targeted.map((i) => `${i.nameZh}（完成%）`)]));
  for (const r of regions) {
    const row = matrix.addRow([
      r.nameZh,
      ...targeted.map((i) => figure(i, r.code).windows[0]?.completionPct?.dividedBy(100).toNumber() ?? null),
    ]);
    targeted.forEach((i, k) => {
      const cell = row.getCell(k + 2);
      cell.numFmt = PERCENT_FORMAT;
      if (isBehind(figure(i, r.code), places.table)) cell.fill = BEHIND_FILL;
    });
  }
  matrix.getColumn(1).width = 10;
  targeted.forEach((_, k) => (matrix.getColumn(k + 2).width = 18));

  // 报送与预警: text tables; every cell a string value (file names and messages come from returns).
  const notes = wb.addWorksheet('报送与预警', { views: [{ state: 'frozen', ySplit: 1 }] });
  notes.addRow([`报表报送情况（${bulletin.submissionSummary}）`]).font = { bold: true };
  for (const [title, t] of [
    ['', bulletin.submissions],
    ['待核实的预警', bulletin.warnings],
    ['上期通报以来修订的数据', bulletin.revisions],
  ] as const) {
    if (title) {
      notes.addRow([]);
      notes.addRow([title]).font = { bold: true };
    }
    styleHeader(notes.addRow([...t.header]));
    t.rows.forEach((cells, k) => {
      const row = notes.addRow([]);
      cells.forEach((text, c) => {
        row.getCell(c + 1).value = text;
        if (t.marked[k]) row.getCell(c + 1).fill = BEHIND_FILL;
      });
    });
  }
  notes.columns.forEach((c, k) => (c.width = [10, 16, 18, 60, 14, 14, 18][k] ?? 14));
  return wb;
}
