/**
 * One sheet per category after an instruction sheet (填报说明): 本月完成 / 1-N月累计 / 年计划 headers,
 * the cumulative column a formula over a hidden 上月累计 column (cached results), thousands
 * separators and units inside cells (3.5213万, 92.07%), and a hidden row that still holds values.
 */
import * as template from '../return-variant.ts';

export const categorySheetsReturn: template.ReturnVariant = {
  name: 'category-sheets',
  subject: '就业创业主要指标',
  build(input: template.ReturnInput) {
    const workbook = template.newWorkbook();
    const help = workbook.addWorksheet('填报说明');
    [
      '填报说明',
      '一、本表由各区（市）人力资源和社会保障局每月5日前报送。',
      '二、“本月完成”填报当月数，“累计”填报1月至本月累计数，时点指标填报月末数。',
      '三、比率指标以百分数填报，保留两位小数。',
    ].forEach((line, i) => (help.getCell(i + 1, 1).value = line));
    const categories = [...new Set(input.truth.indicators.map((i) => i.category))];
    for (const category of categories) {
      const sheet = template.addSheet(workbook, category, [6, 36, 8, 12, 14, 14, 14]);
      sheet.mergeCells('A1:G1');
      sheet.getCell('A1').value =
        `${input.year}年${template.monthsLabel(input.month)}${category}指标完成情况`;
      sheet.getCell('A2').value =
        `填报单位：${input.regionName}人社局    报告期：${input.year}年${input.month}月`;
      [
        '序号',
        '指标',
        '单位',
        '年计划',
        '本月完成',
        '上月累计',
        `${template.monthsLabel(input.month)}累计`,
      ].forEach((text, i) => (sheet.getCell(3, i + 1).value = text));
      sheet.getColumn(6).hidden = true;
      let row = 4;
      input.truth.indicators
        .filter((i) => i.category === category)
        .forEach((indicator, index) => {
          writeRow(sheet.getRow(row), input, indicator, index + 1);
          if (index === 2) sheet.getRow(row).hidden = true;
          row++;
        });
      template.box(sheet, 3, 1, row - 1, 7);
      sheet.getCell(row + 1, 1).value = '注：本表数据截至报告期末。';
    }
    return workbook;
  },
};

const writeRow: template.RowWriter = (row, input, indicator, number) => {
  const { value, multiplier, target } = template.rowFigures(input, indicator);
  const large = !multiplier.eq(1);
  row.getCell(1).value = number;
  row.getCell(2).value = ` ${indicator.nameZh.split('').join(number % 3 === 0 ? ' ' : '')}`;
  row.getCell(3).value = large ? indicator.unit : indicator.displayUnit;
  if (target) row.getCell(4).value = large ? `${target.div(multiplier).toFixed()}万` : target.toNumber();
  if (indicator.kind === 'flow') {
    const previous = input.month === 1 ? null : template.truthOf(input, indicator, input.month - 1).ytd;
    row.getCell(5).value = large ? value.month!.toNumber().toLocaleString('en-US') : value.month!.toNumber();
    row.getCell(6).value = previous ? previous.toNumber() : 0;
    // exceljs drops a cached result of 0, so a zero total is typed rather than computed.
    row.getCell(7).value = value.ytd!.isZero()
      ? 0
      : { formula: `F${row.number}+E${row.number}`, result: value.ytd!.toNumber() };
    return;
  }
  if (indicator.kind === 'ratio') {
    row.getCell(7).value = value.level ? `${value.level.toFixed(2)}%` : '—';
    return;
  }
  row.getCell(7).value = large ? `${value.level!.div(multiplier).toFixed()}万` : value.level!.toNumber();
};
