/**
 * IDs and values as clerks and Excel write them in exports: an ID spaced, hyphenated or in
 * full-width digits is the same person; IDs Excel turned into numbers reject the file; an ID in a
 * summed column is never a figure; a 险种 no indicator counts is named. Real files into a real
 * warehouse, checked by SQL and by exact counts.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { countsAddUp } from '../../../core/file-counts.ts';
import { idCheckCharacter } from '../../../sources/system-export/id-number-sql.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';
import {
  exportWorkspace,
  ingestInWorkspace,
  personId,
  REGISTRATION_HEADER,
  writeCsv,
} from './export-fixtures.ts';

const workspace = () => exportWorkspace('kpi-ids-');
const ingest = ingestInWorkspace;

const registration = (n: number, id: string, date: string) =>
  `${n},某${n},${id},男,${date},城镇新增就业,x,370202`;

/** An ID with full-width digits and Ｘ. */
const fullWidth = (id: string) =>
  id.replace(/[0-9X]/g, (c) => (c === 'X' ? 'Ｘ' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

const newJobs = (w: TestWarehouse, month: string) =>
  w.rows(`select region_code, value::int as persons from fact_value
          where indicator_code = 'urban_new_jobs' and period = date '${month}' and value > 0 order by all`);

/** Fifteen digits or more in a row: an ID (or most of one) in clear. */
const ID_IN_CLEAR = /\d{15}/;

describe('ID numbers as written in an export', () => {
  it('counts an ID with spaces, hyphens or full-width digits as the same person as the plain ID', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const [one, four] = [personId(1), personId(4)];
      expect(four.endsWith('X')).toBe(true);
      const jan = path.join(dir, '就业登记明细202201.csv');
      writeCsv(
        jan,
        [
          REGISTRATION_HEADER,
          registration(1, `${one.slice(0, 6)} ${one.slice(6, 14)} ${one.slice(14)}`, '2022-01-05'),
          registration(2, fullWidth(one), '2022-01-06'),
          registration(3, `${one.slice(0, 6)}-${one.slice(6, 14)}-${one.slice(14)}`, '2022-01-07'),
          registration(
            4,
            `${four.slice(0, 6)}－${four.slice(6, 14)}－${fullWidth(four.slice(14))}`,
            '2022-01-08',
          ),
          registration(5, four.toLowerCase(), '2022-01-09'),
        ],
        'utf8',
      );
      const first = await ingest(w, jan, config);
      expect(first.outcome.status).toBe('loaded');
      expect(first.outcome.warnings).toEqual([]);
      expect(first.counts).toEqual({ read: 5, stored: 2, not_reported: 0, left_out: { repeat_person: 3 } });
      expect(await newJobs(w, '2022-01-01')).toEqual([{ region_code: '370202', persons: 2 }]);
      // The plain IDs in February hash as January's written forms did: both persons repeat.
      const feb = path.join(dir, '就业登记明细202202.csv');
      writeCsv(
        feb,
        [REGISTRATION_HEADER, registration(1, one, '2022-02-03'), registration(2, four, '2022-02-04')],
        'utf8',
      );
      const second = await ingest(w, feb, config);
      expect(second.counts).toEqual({ read: 2, stored: 0, not_reported: 0, left_out: { repeat_person: 2 } });
      expect(await newJobs(w, '2022-02-01')).toEqual([]);
    });
  });

  it('rejects a CSV whose IDs Excel turned into scientific notation, and still warns of a typo', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.csv');
      const typo = personId(5).slice(0, 17) + '9';
      writeCsv(
        file,
        [
          REGISTRATION_HEADER,
          registration(1, '3.70202E+17', '2022-01-05'),
          registration(2, '3.70202e+17', '2022-01-06'),
          registration(3, typo, '2022-01-08'),
          registration(4, personId(2), '2022-01-09'),
        ],
        'utf8',
      );
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors).toMatchObject([
        {
          code: 'id_number_mangled',
          severity: 'error',
          params: { column: '公民身份号码', scientific: 2, digitsLost: 0, more: false },
          location: { row: '2, 3' },
          message:
            '2行的公民身份号码被Excel改成了科学计数法或数字（如3.70202E+17），无法识别人员，已拒收：请在导出后不要用Excel另存，或把该列设为文本后重新导出',
        },
      ]);
      expect(outcome.warnings).toMatchObject([{ code: 'invalid_id_number', location: { row: '4' } }]);
      expect(counts).toEqual({
        read: 4,
        stored: 0,
        not_reported: 0,
        left_out: { id_number_mangled: 2, file_rejected: 2 },
      });
      expect(countsAddUp(counts)).toBe(true);
      expect(await w.rows('select count(*)::int as n from fact_value')).toEqual([{ n: 0 }]);
      expect(JSON.stringify(outcome)).not.toMatch(ID_IN_CLEAR);
    });
  });

  it('names the first ten rows of a whole column Excel turned into scientific notation', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.csv');
      const rows = Array.from({ length: 12 }, (_, i) => registration(i + 1, '3.70202E+17', '2022-01-05'));
      writeCsv(file, [REGISTRATION_HEADER, ...rows, registration(13, personId(4), '2022-01-05')], 'utf8');
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.errors).toMatchObject([
        {
          code: 'id_number_mangled',
          params: { scientific: 12, digitsLost: 0, more: true },
          location: { row: '2, 3, 4, 5, 6, 7, 8, 9, 10, 11' },
          message:
            '12行的公民身份号码被Excel改成了科学计数法或数字（如3.70202E+17）（仅列出前10行），无法识别人员，已拒收：请在导出后不要用Excel另存，或把该列设为文本后重新导出',
        },
      ]);
      expect(counts).toEqual({
        read: 13,
        stored: 0,
        not_reported: 0,
        left_out: { id_number_mangled: 12, file_rejected: 1 },
      });
    });
  });

  it('rejects a CSV whose IDs lost their last digits to 000, but keeps a lone such ID a typo', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      // Excel kept 15 digits (…010, …011, …012), then 000; the ID ending in X stayed text.
      const cut = (n: number) => personId(n).slice(0, 15) + '000';
      const file = path.join(dir, '就业登记明细202201.csv');
      writeCsv(
        file,
        [
          REGISTRATION_HEADER,
          registration(1, cut(1), '2022-01-05'),
          registration(2, cut(150), '2022-01-06'),
          registration(3, cut(250), '2022-01-07'),
          registration(4, personId(4), '2022-01-08'),
        ],
        'utf8',
      );
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors).toMatchObject([
        {
          code: 'id_number_mangled',
          params: { column: '公民身份号码', scientific: 0, digitsLost: 3 },
          location: { row: '2, 3, 4' },
          message:
            '3行的公民身份号码被Excel截去了末尾几位（15位后变成0），无法识别人员，已拒收：请在导出后不要用Excel另存，或把该列设为文本后重新导出',
        },
      ]);
      expect(outcome.warnings).toEqual([]);
      expect(counts).toEqual({
        read: 4,
        stored: 0,
        not_reported: 0,
        left_out: { id_number_mangled: 3, file_rejected: 1 },
      });
      expect(JSON.stringify(outcome)).not.toMatch(ID_IN_CLEAR);
      // One ID ending in 000 among good ones is a wrong check character: a warning, the rest loaded.
      const typo = path.join(dir, '就业登记明细202202.csv');
      writeCsv(
        typo,
        [
          REGISTRATION_HEADER,
          registration(1, cut(1), '2022-02-05'),
          registration(2, personId(2), '2022-02-06'),
          registration(3, personId(3), '2022-02-07'),
        ],
        'utf8',
      );
      const lone = await ingest(w, typo, config);
      expect(lone.outcome.status).toBe('loaded');
      expect(lone.outcome.warnings).toMatchObject([{ code: 'invalid_id_number', location: { row: '2' } }]);
      expect(lone.counts).toEqual({
        read: 3,
        stored: 2,
        not_reported: 0,
        left_out: { invalid_id_number: 1 },
      });
      expect(await newJobs(w, '2022-02-01')).toEqual([{ region_code: '370202', persons: 2 }]);
    });
  });

  it('rejects an .xlsx export whose ID cells are numbers', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.xlsx');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('就业登记');
      sheet.addRow(REGISTRATION_HEADER.split(','));
      // 370202199001010015 as a float: 370202199001010000, which a text reading would take as 18 digits.
      sheet.addRow([1, '某1', Number(personId(1)), '男', '2022-01-05', '城镇新增就业', 'x', '370202']);
      sheet.addRow([2, '某2', personId(2), '男', '2022-01-06', '城镇新增就业', 'x', '370202']);
      await workbook.xlsx.writeFile(file);
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors).toMatchObject([
        { code: 'id_number_mangled', params: { scientific: 1, digitsLost: 0 }, location: { row: '2' } },
      ]);
      expect(counts).toEqual({
        read: 2,
        stored: 0,
        not_reported: 0,
        left_out: { id_number_mangled: 1, file_rejected: 1 },
      });
      expect(JSON.stringify(outcome)).not.toMatch(ID_IN_CLEAR);
    });
  });
});

describe('values of the social-insurance export', () => {
  const HEADER = '行政区划代码,统计年月,险种,参保人数,缴费人数';

  it('rejects an ID in a summed column as not a number, never storing it', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '参保人数月报202201.csv');
      writeCsv(
        file,
        [
          HEADER,
          `370202,202201,失业保险,${personId(1)},291000`,
          `370202,202201,工伤保险,${personId(4)},1000`,
          `370203,202201,失业保险,${personId(2).slice(0, 15)},900`,
          '370203,202201,工伤保险,"1,234",1000',
        ],
        'utf8',
      );
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors).toMatchObject([
        {
          code: 'non_numeric_value',
          params: { kind: 'column', column: '参保人数', count: 3 },
          location: { row: '2, 3, 4' },
          message: '3行的参保人数不是数字',
        },
      ]);
      expect(counts).toEqual({
        read: 4,
        stored: 0,
        not_reported: 0,
        left_out: { non_numeric_value: 3, file_rejected: 1 },
      });
      expect(await w.rows('select count(*)::int as n from fact_value')).toEqual([{ n: 0 }]);
      expect(JSON.stringify(outcome)).not.toMatch(ID_IN_CLEAR);
    });
  });

  it('names a 险种 no indicator counts, with its rows, but not a blank one', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '参保人数月报202201.csv');
      writeCsv(
        file,
        [
          HEADER,
          '370202,202201,失业保险,301000,291000',
          '370202,202201,工伤保险（含职业病）,250000,240000',
          '370203,202201,生育保险,1000,900',
          '370203,202201,工伤保险（含职业病）,120000,110000',
          '370203,202201,,5,5',
        ],
        'utf8',
      );
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('loaded');
      expect(outcome.warnings).toMatchObject([
        {
          code: 'unselected_values',
          severity: 'warning',
          params: {
            column: '险种',
            count: 3,
            values: [
              { value: '工伤保险（含职业病）', count: 2 },
              { value: '生育保险', count: 1 },
            ],
            more: false,
          },
          location: { row: '3, 4, 5' },
          message:
            '3行的险种不是任何指标统计的值（“工伤保险（含职业病）”2行、“生育保险”1行），这些行未计入；请核实是否为写法有误或新增的险种',
        },
      ]);
      expect(counts).toEqual({ read: 5, stored: 1, not_reported: 0, left_out: { not_selected: 4 } });
      expect(countsAddUp(counts)).toBe(true);
      expect(
        await w.rows(`select indicator_code, region_code, value::int as value from fact_value
                      where period = date '2022-01-01' and value > 0 order by all`),
      ).toEqual([{ indicator_code: 'unemployment_insured', region_code: '370202', value: 301000 }]);
    });
  });
});

describe('the size of an .xlsx export', () => {
  it('loads an .xlsx export beyond a return’s 5,000 rows, while a return of as many rows is still refused', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      expect(config.limits.sheet_rows).toBe(5000);
      const file = path.join(dir, '就业登记明细202201.xlsx');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('就业登记');
      sheet.addRow(REGISTRATION_HEADER.split(','));
      for (let n = 1; n <= 6000; n++) {
        const first17 = `370202199001${String(n).padStart(5, '0')}`;
        const id = first17 + idCheckCharacter(first17);
        sheet.addRow([n, `某${n}`, id, '男', '2022-01-05', '城镇新增就业', 'x', '370202']);
      }
      await workbook.xlsx.writeFile(file);
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status, JSON.stringify(outcome.errors)).toBe('loaded');
      expect(counts).toEqual({ read: 6000, stored: 6000, not_reported: 0, left_out: {} });
      expect(await newJobs(w, '2022-01-01')).toEqual([{ region_code: '370202', persons: 6000 }]);
      // A workbook of as many rows whose header is no export's is a return: the return limit holds.
      const table = path.join(dir, '2022年1月_市南区_月报.xlsx');
      const big = new ExcelJS.Workbook();
      const rows = big.addWorksheet('月报');
      rows.addRow(['指标名称', '本月', '累计']);
      for (let n = 1; n <= 6000; n++) rows.addRow([`指标${n}`, n, n]);
      await big.xlsx.writeFile(table);
      const refused = await ingest(w, table, config);
      expect(refused.outcome.status).toBe('rejected');
      expect(refused.outcome.errors).toMatchObject([
        { code: 'workbook_too_large', params: { limit: 'sheet_rows', max: 5000 } },
      ]);
    });
  });
});
