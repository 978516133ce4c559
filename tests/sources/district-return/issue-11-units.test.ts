/**
 * Issue 11: a unit is understood in every common form — `万人`, `（万人）`, `(万人)`, `单位：万人` —
 * wherever it sits, and a unit that is written but not understood rejects the return.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { parseDistrictReturn } from '../../../sources/district-return/parse-district-return.ts';
import { parseUnit } from '../../../core/units.ts';
import { TEST_NOW } from './ingest-context.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

/** A return with a 计量单位 column, written to .xlsx bytes and read back. */
async function returnWithUnitCell(unit: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  const rows = [
    ['填报单位：李沧区人社局', '', '', '报告期：2022年10月'],
    ['指标名称', '计量单位', '本月', '1-10月累计'],
    ['城镇新增就业', unit, 0.1158, 1.1583],
  ];
  rows.forEach((cells, r) => cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await book.xlsx.writeBuffer()) as ArrayBuffer);
  return read;
}

describe('issue 11: units in every common form', () => {
  it.each(['万人', '（万人）', '(万人)', '单位：万人', '单位:万人', '【万人】'])(
    'parses %s as 10,000 人',
    (text) => {
      const unit = parseUnit(text);
      expect(unit?.multiplier.toString()).toBe('10000');
      expect(unit?.base).toBe('人');
    },
  );

  it.each(['（万人）', '(万人)', '单位：万人'])(
    'scales a unit cell written %s (李沧区 1,158, not 0.1158)',
    async (unit) => {
      const parsed = parseDistrictReturn(
        await returnWithUnitCell(unit),
        '李沧区_2022年10月.xlsx',
        catalogue,
        TEST_NOW,
      );
      expect(parsed.findings).toEqual([]);
      expect(parsed.values.map((v) => [v.measure, v.value.toString()])).toEqual([
        ['month', '1158'],
        ['ytd', '11583'],
      ]);
    },
  );

  it('rejects a unit it does not understand, naming the cell', async () => {
    const parsed = parseDistrictReturn(
      await returnWithUnitCell('万只'),
      '李沧区_2022年10月.xlsx',
      catalogue,
      TEST_NOW,
    );
    expect(parsed.findings.map((f) => [f.code, f.severity, f.location.cell, f.input])).toEqual([
      ['unknown_unit', 'error', 'B3', '万只'],
    ]);
  });

  it('reads a sheet-level 单位 line beside 填报单位, and rejects one it does not understand', async () => {
    const withSheetUnit = async (line: string) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('表1');
      const rows = [
        [`填报单位：李沧区人社局　${line}`, '', '报告期：2022年10月'],
        ['指标名称', '本月', '1-10月累计'],
        ['城镇新增就业', 0.1158, 1.1583],
      ];
      rows.forEach((cells, r) => cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
      const read = new ExcelJS.Workbook();
      await read.xlsx.load((await book.xlsx.writeBuffer()) as ArrayBuffer);
      return parseDistrictReturn(read, '李沧区_2022年10月.xlsx', catalogue, TEST_NOW);
    };
    const understood = await withSheetUnit('（单位：万人）');
    expect(understood.findings).toEqual([]);
    expect(understood.values.map((v) => v.value.toString())).toEqual(['1158', '11583']);
    const unknown = await withSheetUnit('单位：万只');
    expect(unknown.findings.map((f) => [f.code, f.severity, f.location.sheet, f.input])).toEqual([
      ['unknown_unit', 'error', '表1', '万只'],
    ]);
  });
});
