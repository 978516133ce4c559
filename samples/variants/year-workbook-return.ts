/**
 * The year workbook: one sheet for the year, one column per month (merged "分月完成情况" over 1月…12月)
 * filled up to the report month, a 累计 column as a SUM formula with its cached result, a unit
 * column, and ratios as numbers formatted as percentages.
 */
import type { Indicator } from '../../catalogue/catalogue.ts';
import * as template from '../return-variant.ts';

const FIRST_MONTH_COLUMN = 4;

export const yearWorkbookReturn: template.ReturnVariant = {
  name: 'year-workbook',
  subject: '人社指标分月统计',
  build(input: template.ReturnInput) {
    const workbook = template.newWorkbook();
    const sheet = template.addSheet(workbook, `${input.year}年`, [
      34,
      8,
      12,
      ...Array.from({ length: 12 }, () => 11),
      13,
    ]);
    sheet.mergeCells(1, 1, 1, 16);
    sheet.getCell('A1').value = `${input.regionName}${input.year}年人社主要指标分月统计表`;
    sheet.getCell('A2').value = `报告期：${input.year}年1-${input.month}月`;
    for (const [column, text] of [
      [1, '指标名称'],
      [2, '单位'],
      [3, '年计划'],
      [16, '累计'],
    ] as const) {
      sheet.mergeCells(3, column, 4, column);
      sheet.getCell(3, column).value = text;
    }
    sheet.mergeCells(3, FIRST_MONTH_COLUMN, 3, FIRST_MONTH_COLUMN + 11);
    sheet.getCell(3, FIRST_MONTH_COLUMN).value = `${input.year}年分月完成情况`;
    for (let m = 1; m <= 12; m++) sheet.getCell(4, FIRST_MONTH_COLUMN + m - 1).value = `${m}月`;
    let row = 5;
    for (const indicator of input.truth.indicators) writeRow(sheet.getRow(row++), input, indicator);
    template.box(sheet, 3, 1, row - 1, 16);
    sheet.getCell(row + 1, 1).value = '填表人：赵敏    联系电话：0532-88886666';
    return workbook;
  },
};

function writeRow(row: import('exceljs').Row, input: template.ReturnInput, indicator: Indicator): void {
  const multiplier = template.displayMultiplier(indicator);
  row.getCell(1).value = indicator.nameZh;
  row.getCell(2).value = indicator.displayUnit;
  const target = input.targets.get(indicator.code);
  if (target) row.getCell(3).value = target.div(multiplier).toNumber();
  for (let m = 1; m <= input.month; m++) {
    const value = template.truthOf(input, indicator, m);
    const cell = row.getCell(FIRST_MONTH_COLUMN + m - 1);
    if (indicator.kind === 'flow') cell.value = value.month!.div(multiplier).toNumber();
    else if (value.level === null) cell.value = '—';
    else if (indicator.kind === 'ratio') {
      cell.value = value.level.div(100).toNumber();
      cell.numFmt = '0.00%';
    } else cell.value = value.level.div(multiplier).toNumber();
  }
  if (indicator.kind === 'flow') {
    const first = row.getCell(FIRST_MONTH_COLUMN).address;
    const last = row.getCell(FIRST_MONTH_COLUMN + input.month - 1).address;
    const ytd = template.truthOf(input, indicator).ytd!;
    // exceljs drops a cached result of 0, so a zero total is typed rather than computed.
    row.getCell(16).value = ytd.isZero()
      ? 0
      : { formula: `SUM(${first}:${last})`, result: ytd.div(multiplier).toNumber() };
  }
}
