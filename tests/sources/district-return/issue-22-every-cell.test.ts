/**
 * Issue 22: every value cell of a return ends stored, not reported or left out for a named reason;
 * a level under 本月 is the month's level (the city's 城镇调查失业率); a formula's cached 0 is 0;
 * helper sheets are skipped and said so; a return that stores nothing is never `loaded`.
 * Real workbooks through the real reader into a real DuckDB warehouse, checked by SQL.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { writeWorkbook } from '../../../samples/write-workbook.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';
import { testContext } from './ingest-context.ts';

let catalogue: Catalogue;
let dir: string;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-issue-22-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Cell = ExcelJS.CellValue;

/** A one-sheet return (rows from A1) plus optional extra sheets, written to `name`. */
async function returnFile(
  name: string,
  rows: readonly (readonly Cell[])[],
  extra: (book: ExcelJS.Workbook) => void = () => {},
): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  rows.forEach((cells, r) => cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  extra(book);
  const file = path.join(dir, name);
  await writeWorkbook(book, file);
  return file;
}

/** The facts of the file named `name` in the warehouse, as `code measure value`. */
async function factsOf(w: TestWarehouse, name: string): Promise<string[]> {
  const rows = await w.rows(
    `SELECT f.indicator_code || ' ' || f.measure || ' ' || CAST(f.value AS VARCHAR) AS fact
     FROM fact_value f JOIN source_file s USING (file_hash) WHERE s.file_name = ? ORDER BY fact`,
    [name],
  );
  return rows.map((r) => String(r.fact));
}

describe('issue 22: the city’s rate under 本月', () => {
  it('stores 本月 5.1 as October’s 城镇调查失业率 for 370200 when 1-10月累计 is “—”', async () => {
    const name = '2022年10月_青岛市_城镇调查失业率.xlsx';
    const file = await returnFile(name, [
      ['2022年10月全市城镇调查失业率'],
      ['填报单位：青岛市人力资源和社会保障局', '', '报告期：2022年10月'],
      ['指标名称', '计量单位', '本月', '1-10月累计'],
      ['城镇调查失业率', '%', 5.1, '—'],
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome).toMatchObject({ status: 'loaded', region: '370200', period: '2022-10', errors: [] });
      expect(outcome.counts).toEqual({ read: 2, stored: 1, not_reported: 1, left_out: {} });
      expect(
        await w.rows(
          `SELECT region_code, ytd_value, month_value FROM observation
           WHERE indicator_code = 'surveyed_unemployment_rate' AND period = DATE '2022-10-01'`,
        ),
      ).toEqual([{ region_code: '370200', ytd_value: '5.100000', month_value: null }]);
    });
  });

  it('stores a district’s stock typed under 当月 as its level', async () => {
    const name = '市北区2022年10月.xlsx';
    const file = await returnFile(name, [
      ['市北区2022年10月人社指标'],
      ['指标名称', '当月', '累计'],
      ['失业保险参保人数', 231456, ''],
      ['城镇新增就业', 812, 9150],
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('loaded');
      expect(outcome.counts).toEqual({ read: 4, stored: 3, not_reported: 1, left_out: {} });
      expect(await factsOf(w, name)).toEqual([
        'unemployment_insured level 231456.000000',
        'urban_new_jobs month 812.000000',
        'urban_new_jobs ytd 9150.000000',
      ]);
    });
  });

  it('keeps 累计 and warns when a level under 本月 differs from it: never a silent drop', async () => {
    const name = '市北区2022年9月.xlsx';
    const file = await returnFile(name, [
      ['市北区2022年9月人社指标'],
      ['指标名称', '本月', '累计'],
      ['失业保险参保人数', 1200, 231456],
      ['城镇新增就业', 812, 8338],
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('loaded');
      expect(outcome.warnings.map((f) => [f.code, f.location.cell, f.message])).toEqual([
        [
          'level_ambiguous',
          'B3',
          '失业保险参保人数为时点数，“本月”填报1200（表1!B3）与“累计”231456不同，无法判断含义；已按“累计”231456入库，本月数未入库，请核实',
        ],
      ]);
      expect(outcome.counts).toEqual({
        read: 4,
        stored: 3,
        not_reported: 0,
        left_out: { level_ambiguous: 1 },
      });
      expect(await factsOf(w, name)).toContain('unemployment_insured level 231456.000000');
    });
  });
});

describe('issue 22: every value cell accounted for', () => {
  it('counts blanks, dashes, unknown labels, text and figures, and rejects with every reason', async () => {
    const name = '李沧区2022年10月.xlsx';
    const file = await returnFile(name, [
      ['李沧区2022年1-10月人社指标'],
      ['指标名称', '本月', '1-10月累计', '全年目标'],
      ['一、就业创业'],
      ['城镇新增就业', 1000, 9000, 12000],
      ['见习实习人数', '/', '—', 500],
      ['新增见习岗位数', 3, 40, ''],
      ['政策性扶持创业人数', '约300', 2100, ''],
      ['失业保险参保人数', null, 215000, ''],
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors.map((f) => f.code).sort()).toEqual(['non_numeric_value', 'unknown_label']);
      // 10 value cells (本月 and 累计 of five indicator rows; the target column is not a value):
      // 4 would have been stored, 3 not reported, 2 of an unknown label, 1 not a number.
      expect(outcome.counts).toEqual({
        read: 10,
        stored: 0,
        not_reported: 3,
        left_out: { unknown_label: 2, non_numeric: 1, rejected: 4 },
      });
      expect(await factsOf(w, name)).toEqual([]);
    });
  });

  it('never loads a return that stores nothing: rejected with nothing_stored, the reason said', async () => {
    const name = '即墨区2022年10月.xlsx';
    const file = await returnFile(name, [
      ['即墨区2022年10月人社指标'],
      ['指标名称', '本月', '累计'],
      ['城镇新增就业', '—', '—'],
      ['失业保险参保人数', '', '/'],
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors.map((f) => [f.code, f.message])).toEqual([
        [
          'nothing_stored',
          '本表没有可入库的数值（读取4个数值单元格，其中4个为空白、—或/），未入库；请填报后重新报送',
        ],
      ]);
      expect(outcome.counts).toEqual({ read: 4, stored: 0, not_reported: 4, left_out: {} });
      expect(await w.rows(`SELECT status FROM source_file WHERE file_name = ?`, [name])).toEqual([
        { status: 'rejected' },
      ]);
    });
  });
});

describe('issue 22: a formula’s cached 0', () => {
  const rows: (readonly Cell[])[] = [
    ['城阳区2022年10月人社指标'],
    ['指标名称', '本月', '1-10月累计', '上月累计'],
    ['城镇新增就业', { formula: 'C3-D3', result: 0 }, 9000, 9000],
    ['见习实习人数', { formula: 'C4-D4', result: 12 }, 512, 500],
  ];

  it('is 0, read from the sheet XML where exceljs loses it', async () => {
    const name = '城阳区2022年10月.xlsx';
    const file = await returnFile(name, rows);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome).toMatchObject({ status: 'loaded', errors: [] });
      expect(outcome.counts).toEqual({ read: 4, stored: 4, not_reported: 0, left_out: {} });
      expect(await factsOf(w, name)).toEqual([
        'internship_trainees month 12.000000',
        'internship_trainees ytd 512.000000',
        'urban_new_jobs month 0.000000',
        'urban_new_jobs ytd 9000.000000',
      ]);
    });
  });

  it('while a formula with no cached value at all is a finding naming the cell', async () => {
    const name = '城阳区2022年10月_未计算.xlsx';
    const file = await returnFile(name, [
      rows[0]!,
      rows[1]!,
      ['城镇新增就业', { formula: 'C3-D3' } as Cell, 9000, 9000],
      rows[3]!,
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors.map((f) => [f.code, f.location.cell])).toEqual([['non_numeric_value', 'B3']]);
      expect(outcome.counts.left_out).toEqual({ formula_without_result: 1, rejected: 3 });
    });
  });

  it('exceljs 4.4.0 still loses it (when this fails, exceljs keeps a cached 0: drop readCachedResults)', async () => {
    const file = await returnFile('canary.xlsx', rows);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getCell('B3').value).toEqual({ formula: 'C3-D3' });
    expect(book.worksheets[0]!.getCell('B4').value).toEqual({ formula: 'C4-D4', result: 12 });
  });
});

describe('issue 22: helper sheets', () => {
  const table: (readonly Cell[])[] = [
    ['黄岛区2022年10月人社指标'],
    ['指标名称', '本月', '累计'],
    ['城镇新增就业', 1000, 9000],
  ];

  it('skips a hidden dropdown list, a 填表说明 sheet and a hidden copy of last month, naming each', async () => {
    const name = '黄岛区2022年10月.xlsx';
    const file = await returnFile(name, table, (book) => {
      const list = book.addWorksheet('下拉列表', { state: 'hidden' });
      ['城镇新增就业', '失业保险参保人数', '见习实习人数'].forEach(
        (n, i) => (list.getCell(i + 1, 1).value = n),
      );
      const notes = book.addWorksheet('填表说明');
      notes.getCell('A1').value = '一、本表每月5日前报送。';
      const copy = book.addWorksheet('9月', { state: 'hidden' });
      [['黄岛区2022年9月人社指标'], ['指标名称', '本月', '累计'], ['城镇新增就业', 900, 8000]].forEach(
        (cells, r) => cells.forEach((v, c) => (copy.getCell(r + 1, c + 1).value = v)),
      );
    });
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome).toMatchObject({ status: 'loaded', errors: [], warnings: [] });
      expect(outcome.notes!.map((f) => [f.code, f.severity, f.message])).toEqual([
        ['helper_sheet_skipped', 'info', '隐藏工作表“下拉列表”已跳过，未读取'],
        ['helper_sheet_skipped', 'info', '工作表“填表说明”没有指标表（如下拉列表、填表说明），已跳过'],
        ['helper_sheet_skipped', 'info', '隐藏工作表“9月”已跳过，未读取（是2022年9月报表的副本）'],
      ]);
      expect(outcome.counts).toEqual({ read: 2, stored: 2, not_reported: 0, left_out: {} });
      expect(await factsOf(w, name)).toEqual([
        'urban_new_jobs month 1000.000000',
        'urban_new_jobs ytd 9000.000000',
      ]);
      // Info is said in the outcome, not stored as a 审核 finding.
      expect(await w.rows(`SELECT count(*)::INTEGER AS n FROM finding`)).toEqual([{ n: 0 }]);
    });
  });

  it('skips a visible list of indicator names with nothing beside them', async () => {
    const file = await returnFile('黄岛区2022年10月_列表.xlsx', table, (book) => {
      const list = book.addWorksheet('指标列表');
      ['城镇新增就业', '失业保险参保人数'].forEach((n, i) => (list.getCell(i + 1, 1).value = n));
    });
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome.status).toBe('loaded');
      expect(outcome.notes!.map((f) => f.params)).toEqual([
        { sheet: '指标列表', why: 'no_indicator_table', copyOf: null },
      ]);
    });
  });
});

describe('issue 22: figures after the report month', () => {
  it('leaves out a year workbook’s later months and says so, so a misnamed return is noticed', async () => {
    const name = '市南区2022年3月.xlsx';
    const file = await returnFile(name, [
      ['市南区2022年人社指标（按月）'],
      ['报告期：2022年3月'],
      ['指标名称', '1月', '2月', '3月', '4月'],
      ['城镇新增就业', 1000, 1100, 1200, 1300],
    ]);
    await withTestWarehouse(async (w) => {
      const outcome = await ingestFile(w.connection, file, testContext(catalogue));
      expect(outcome).toMatchObject({ status: 'loaded', region: '370202', period: '2022-03', errors: [] });
      expect(outcome.counts).toEqual({
        read: 4,
        stored: 3,
        not_reported: 0,
        left_out: { after_report_month: 1 },
      });
      expect(outcome.warnings.map((f) => [f.code, f.message])).toEqual([
        [
          'after_report_month',
          '报告期为2022年3月，但其后月份的列中填有1个数值，未入库；如果这是之后月份的报表，请更正文件名和报告期后重新报送',
        ],
      ]);
      expect(await factsOf(w, name)).toEqual([
        'urban_new_jobs month 1000.000000',
        'urban_new_jobs month 1100.000000',
        'urban_new_jobs month 1200.000000',
      ]);
    });
  });
});
