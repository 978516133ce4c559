/**
 * The bureau's own template, filled as issued: title, 填报单位 and 报告期 rows, a two-row merged
 * header (完成情况 over 本月 / 1-N月累计), a unit column, category heading rows and a footer.
 */
import * as template from '../return-variant.ts';
import { CATEGORY_NUMBERS } from './category-numbers.ts';

export const standardReturn: template.ReturnVariant = {
  name: 'standard',
  subject: '人社重点指标完成情况',
  build(input: template.ReturnInput) {
    const workbook = template.newWorkbook();
    const sheet = template.addSheet(workbook, '月报', [6, 40, 10, 12, 12, 14, 14]);
    sheet.mergeCells('A1:G1');
    sheet.getCell('A1').value = `${input.year}年${template.monthsLabel(input.month)}人社重点指标完成情况表`;
    sheet.getCell('A1').font = { bold: true, size: 16 };
    sheet.mergeCells('A2:D2');
    sheet.getCell('A2').value = `填报单位：${input.regionName}人力资源和社会保障局（盖章）`;
    sheet.mergeCells('E2:G2');
    sheet.getCell('E2').value = `报告期：${input.year}年${input.month}月`;
    for (const [range, text] of [
      ['A4:A5', '序号'],
      ['B4:B5', '指标名称'],
      ['C4:C5', '计量单位'],
      ['D4:D5', '全年目标'],
      ['E4:F4', '完成情况'],
      ['G4:G5', '完成年计划（%）'],
    ] as const) {
      sheet.mergeCells(range);
      sheet.getCell(range.split(':')[0]!).value = text;
    }
    sheet.getCell('E5').value = '本月';
    sheet.getCell('F5').value = `${template.monthsLabel(input.month)}累计`;
    let row = 6;
    let category = '';
    let number = 0;
    for (const indicator of input.truth.indicators) {
      if (indicator.category !== category) {
        category = indicator.category;
        sheet.getCell(row, 2).value = `${CATEGORY_NUMBERS[category]}、${category}`;
        sheet.getCell(row, 2).font = { bold: true };
        row++;
      }
      number++;
      writeRow(sheet.getRow(row), input, indicator, number);
      row++;
    }
    template.box(sheet, 4, 1, row - 1, 7);
    row++;
    sheet.getCell(row++, 1).value = '填表人：王磊        审核人：李娜        联系电话：0532-85912345';
    sheet.getCell(row, 1).value = '说明：1.时点指标填报期末数；2.比率指标填报百分数。';
    return workbook;
  },
};

const writeRow: template.RowWriter = (row, input, indicator, number) => {
  const { value, multiplier, target } = template.rowFigures(input, indicator);
  const label = indicator.parentCode ? `其中：${indicator.nameZh}` : indicator.nameZh;
  row.getCell(1).value = indicator.parentCode ? '' : `${number}.`;
  row.getCell(2).value = label;
  row.getCell(3).value = indicator.displayUnit;
  if (target) row.getCell(4).value = target.div(multiplier).toNumber();
  row.getCell(5).value =
    indicator.kind === 'flow' && value.month ? value.month.div(multiplier).toNumber() : '—';
  const cumulative = template.cumulativeFigure(indicator, value);
  row.getCell(6).value = cumulative ? cumulative.div(multiplier).toNumber() : '—';
  if (target && cumulative && indicator.kind !== 'ratio') {
    row.getCell(7).value = {
      formula: `IF(D${row.number}=0,"",F${row.number}/D${row.number}*100)`,
      result: cumulative.div(target).times(100).toDecimalPlaces(2).toNumber(),
    };
    row.getCell(7).numFmt = '0.00';
  }
};
