import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { parseDistrictReturn } from '../../../sources/district-return/parse-district-return.ts';
import { TEST_NOW } from './ingest-context.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

/** A small hand-made return: rows of cells from A1, header in the given row. */
function workbook(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  rows.forEach((cells, r) =>
    cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)),
  );
  edit?.(sheet);
  return book;
}

const codes = (parsed: ReturnType<typeof parseDistrictReturn>) => parsed.findings.map((f) => f.code);

describe('parseDistrictReturn', () => {
  it('reads units from a column header, percent formats and cached formula results', () => {
    const book = workbook(
      [
        ['填报单位：莱西市人社局', '', '报告期：2022年3月'],
        ['项目', '本月完成（万人）', '1-3月累计（万人）'],
        ['城镇新增就业', 0.12, { formula: 'B3*3', result: 0.3512 }],
        ['12333话务接通率', '', 0.9345],
      ],
      (sheet) => (sheet.getCell('C4').numFmt = '0.00%'),
    );
    const parsed = parseDistrictReturn(book, 'x.xlsx', catalogue, TEST_NOW);
    expect(parsed.findings).toEqual([]);
    expect(parsed.region).toBe('370285');
    expect(parsed.values.map((v) => [v.indicatorCode, v.measure, v.value.toString(), v.cell])).toEqual([
      ['urban_new_jobs', 'month', '1200', 'B3'],
      ['urban_new_jobs', 'ytd', '3512', 'C3'],
      ['hotline_answer_rate', 'level', '93.45', 'C4'],
    ]);
  });

  it('rejects a file name and sheet naming different districts', () => {
    const book = workbook([
      ['填报单位：莱西市人社局 报告期：2022年3月'],
      ['指标名称', '本月', '累计'],
      ['城镇新增就业', 1, 2],
    ]);
    const parsed = parseDistrictReturn(book, '2022年3月_平度市_月报.xlsx', catalogue, TEST_NOW);
    expect(codes(parsed)).toEqual(['region_mismatch']);
    expect(parsed.region).toBeNull();
  });

  it('rejects last month’s template sent again (累计 headed for another month)', () => {
    const book = workbook([
      ['莱西市 报告期：2022年3月'],
      ['指标名称', '本月', '1-2月累计'],
      ['城镇新增就业', 1, 2],
    ]);
    expect(codes(parseDistrictReturn(book, 'x.xlsx', catalogue, TEST_NOW))).toEqual(['period_mismatch']);
  });

  it('rejects a report month in the future and a formula without a saved result', () => {
    const future = workbook([
      ['莱西市 报告期：2023年3月'],
      ['指标名称', '本月', '累计'],
      ['城镇新增就业', 1, 2],
    ]);
    expect(codes(parseDistrictReturn(future, 'x.xlsx', catalogue, TEST_NOW))).toEqual(['unknown_period']);
    const noResult = workbook([
      ['莱西市 报告期：2022年3月'],
      ['指标名称', '本月', '累计'],
      ['城镇新增就业', 1, { formula: 'B3*2' }],
    ]);
    expect(codes(parseDistrictReturn(noResult, 'x.xlsx', catalogue, TEST_NOW))).toEqual([
      'non_numeric_value',
    ]);
  });

  it('rejects the same indicator given twice with different figures, and ignores heading rows', () => {
    const book = workbook([
      ['莱西市 报告期：2022年3月'],
      ['指标名称', '本月', '累计'],
      ['一、就业创业'],
      ['1.城镇新增就业', 1, 2],
      ['（二）新增城镇就业', 1, 3],
    ]);
    expect(codes(parseDistrictReturn(book, 'x.xlsx', catalogue, TEST_NOW))).toEqual(['duplicate_indicator']);
  });

  it('finds no table in a workbook without indicator labels', () => {
    const book = workbook([['填报说明'], ['本表每月5日前报送']]);
    expect(codes(parseDistrictReturn(book, '2022年3月_莱西市.xlsx', catalogue, TEST_NOW))).toEqual([
      'helper_sheet_skipped',
      'no_indicator_table',
    ]);
  });
});
