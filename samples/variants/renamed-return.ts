/**
 * A district's edited template: one header row with its own words (年度任务 / 累计完成 / 当月, in
 * another order), figures in 万人 declared once above the table ("单位：万人") with other units in
 * the labels, aliases and "（一）" numbering, text numbers, and a hidden 当月 column and row that
 * still hold values.
 */
import type { Indicator } from '../../catalogue/catalogue.ts';
import { parseUnit } from '../../core/units.ts';
import * as template from '../return-variant.ts';
import { Decimal } from 'decimal.js';

const TEN_THOUSAND = new Decimal(10_000);
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const renamedReturn: template.ReturnVariant = {
  name: 'renamed',
  subject: '主要指标月报',
  build(input: template.ReturnInput) {
    const workbook = template.newWorkbook();
    const sheet = template.addSheet(workbook, `${input.month}月`, [44, 12, 12, 12]);
    sheet.getCell('A1').value =
      `${input.regionName}${input.year}年${input.month}月人力资源社会保障主要指标完成情况`;
    sheet.getCell('A2').value = `报告期：${input.year}年1-${input.month}月`;
    sheet.getCell('D3').value = '单位：万人';
    ['项目', '年度任务', '累计完成', '当月'].forEach((text, i) => (sheet.getCell(4, i + 1).value = text));
    sheet.getColumn(4).hidden = true;
    let row = 5;
    let category = '';
    input.truth.indicators.forEach((indicator, index) => {
      if (indicator.category !== category && category !== '') row++; // a blank row between categories
      category = indicator.category;
      writeRow(sheet.getRow(row), input, indicator, index);
      if (indicator.code === 'grad_startup_supported') sheet.getRow(row).hidden = true;
      row++;
    });
    template.box(sheet, 4, 1, row - 1, 4);
    sheet.getCell(row + 1, 1).value = '填表人：        审核人：        填报日期：';
    return workbook;
  },
};

function writeRow(
  row: import('exceljs').Row,
  input: template.ReturnInput,
  indicator: Indicator,
  index: number,
): void {
  const value = template.truthOf(input, indicator);
  const people = indicator.unit === '人' || indicator.unit === '人次';
  const unitText = people ? null : indicator.displayUnit;
  const multiplier = unitText ? (parseUnit(unitText)?.multiplier ?? new Decimal(1)) : TEN_THOUSAND;
  const name =
    indicator.aliases.length > 0 ? indicator.aliases[index % indicator.aliases.length]! : indicator.nameZh;
  const numbering = indicator.parentCode ? '' : `（${CHINESE_NUMBERS[index % 10]}）`;
  row.getCell(1).value = `${numbering}${name}${unitText ? `（${unitText}）` : ''}`;
  const target = input.targets.get(indicator.code);
  if (target) row.getCell(2).value = template.inUnit(target, multiplier);
  const cumulative = template.cumulativeFigure(indicator, value);
  // Text numbers: what a statistician pastes from another program.
  if (cumulative)
    row.getCell(3).value =
      index % 2 === 0 ? template.inUnit(cumulative, multiplier) : cumulative.div(multiplier).toNumber();
  if (indicator.kind === 'flow' && value.month) row.getCell(4).value = value.month.div(multiplier).toNumber();
}
