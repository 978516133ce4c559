// @module-tag office
// @module-tag process
/**
 * Issue 22 items 1, 6 and 10: exports as other software writes them — Excel's CSV (BOM, CRLF,
 * quoted line breaks, trailing rows of only commas), Excel's "Unicode text" (UTF-16LE with a BOM,
 * tabs), GBK, JSON lines with a BOM, an .xlsx copy written by openpyxl, files whose extension lies —
 * each made at test time, ingested into a real warehouse, checked by SQL and by its exact counts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { countsAddUp } from '../../../core/file-counts.ts';
import { MAX_LINE_BYTES } from '../../../sources/system-export/scan-lines.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';
import { exportWorkspace, ingestInWorkspace, personId, REGISTRATION_HEADER } from './export-fixtures.ts';

const workspace = () => exportWorkspace('kpi-foreign-');
const ingest = ingestInWorkspace;

/**
 * January's registrations as fields: two new persons in 市南区, person 1 again (a repeat), a wrong
 * check digit, one 失业人员再就业 in 市北区, a type no indicator counts, a 2099 typo; 经办机构 with a
 * line break and quotes in it, as a person types in Excel.
 */
const REGISTRATIONS: readonly (readonly string[])[] = [
  ['1', '张三', personId(1), '男', '2022-01-05', '城镇新增就业', '市南区\n人社局', '370202'],
  ['2', '李四', personId(2), '女', '2022/01/09', '城镇新增就业', '市南区"一站式"窗口', '市南区'],
  ['3', '张三', personId(1), '男', '20220120', '城镇新增就业', '市南区人社局', '370202'],
  ['4', '王五', '370202199001010000', '男', '2022-01-21', '城镇新增就业', '市北区人社局', '370203'],
  ['5', '赵六', personId(5), '男', '2022-01-22', '失业人员再就业', '市北区人社局', '370203'],
  ['6', '孙七', personId(6), '女', '2022-01-23', '灵活就业', '市北区人社局', '370203'],
  ['7', '周八', personId(7), '男', '2099-01-23', '城镇新增就业', '市北区人社局', '370203'],
];
const HEADER = REGISTRATION_HEADER.split(',');

/** What every registration file below holds, blank lines aside. */
const REGISTRATION_COUNTS = {
  stored: 3,
  left_out: { date_out_of_window: 1, invalid_id_number: 1, not_selected: 1, repeat_person: 1 },
};

/** Fields as Excel writes them in CSV: quoted when they hold the delimiter, a quote or a line break. */
const csvLine = (fields: readonly string[], delimiter: string) =>
  fields
    .map((f) => (/["\n\r]/.test(f) || f.includes(delimiter) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(delimiter);

/** The registrations' figures in the warehouse: persons per district and type. */
const registrationFigures = (w: TestWarehouse) =>
  w.rows(`select indicator_code, region_code, value::int as persons from fact_value
          where period = date '2022-01-01' and value > 0 order by all`);

const REGISTRATION_FIGURES = [
  { indicator_code: 'unemployed_reemployed', region_code: '370203', persons: 1 },
  { indicator_code: 'urban_new_jobs', region_code: '370202', persons: 2 },
];

describe('Excel’s CSV habits', () => {
  it('reads a UTF-8 BOM, CRLF, quoted line breaks and quotes, a blank line and trailing rows of commas or spaces', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.csv');
      const lines = [HEADER, ...REGISTRATIONS.slice(0, 3)].map((f) => csvLine(f, ','));
      lines.push('', ...REGISTRATIONS.slice(3).map((f) => csvLine(f, ',')), ',,,,,,,', ',,', '   ');
      writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('loaded');
      expect(counts).toEqual({ read: 11, not_reported: 4, ...REGISTRATION_COUNTS });
      expect(countsAddUp(counts)).toBe(true);
      expect(await registrationFigures(w)).toEqual(REGISTRATION_FIGURES);
    });
  });

  it('reads the same rows in GBK with trailing rows of commas', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.csv');
      const lines = [HEADER, ...REGISTRATIONS].map((f) => csvLine(f, ','));
      writeFileSync(file, iconv.encode([...lines, ',,,,,,,', ',,,,,,,'].join('\r\n') + '\r\n', 'gbk'));
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('loaded');
      expect(counts).toEqual({ read: 9, not_reported: 2, ...REGISTRATION_COUNTS });
      expect(await registrationFigures(w)).toEqual(REGISTRATION_FIGURES);
    });
  });

  for (const encoding of ['utf-16le', 'utf-16be'] as const)
    it(`decodes ${encoding.toUpperCase()} with a BOM, tab- or comma-separated, named .txt as Excel names it`, async () => {
      await withTestWarehouse(async (w) => {
        const { dir, config } = workspace();
        const delimiter = encoding === 'utf-16le' ? '\t' : ',';
        const file = path.join(dir, '就业登记明细202201.txt');
        const text =
          '\ufeff' + [HEADER, ...REGISTRATIONS].map((f) => csvLine(f, delimiter)).join('\r\n') + '\r\n';
        const le = Buffer.from(text, 'utf16le');
        writeFileSync(file, encoding === 'utf-16le' ? le : Buffer.from(le).swap16());
        const { outcome, counts } = await ingest(w, file, config);
        expect(outcome.status, JSON.stringify(outcome.errors)).toBe('loaded');
        expect(counts).toEqual({ read: 7, not_reported: 0, ...REGISTRATION_COUNTS });
        expect(await registrationFigures(w)).toEqual(REGISTRATION_FIGURES);
      });
    });

  it('names shifted rows in Chinese with their lines, never a temp path or DuckDB’s English, and loads nothing', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.csv');
      const lines = [HEADER, ...REGISTRATIONS.slice(0, 4)].map((f) => csvLine(f, ','));
      // Line 3 has a comma too many (an unquoted 1,000-style figure), line 5 one field too few.
      lines[2] = lines[2]!.replace('女', '女,多余');
      lines[4] = lines[4]!.replace(',男', '');
      writeFileSync(file, lines.join('\n') + '\n');
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors.map((f) => [f.code, f.message, f.location.row])).toEqual([
        [
          'malformed_rows',
          '2行的列数与表头的8列不符（第3行有9列、第5行有7列）：多了或少了分隔符，或引号未成对，请修正后重新导出',
          '3, 5',
        ],
      ]);
      expect(outcome.errors.map((f) => f.message).join('')).not.toMatch(/[A-Za-z/]/);
      expect(counts).toEqual({
        read: 4,
        stored: 0,
        not_reported: 0,
        left_out: { malformed_row: 2, file_rejected: 2 },
      });
      expect(await w.rows('select count(*)::int as n from fact_value')).toEqual([{ n: 0 }]);
    });
  });
  it('refuses a line too long to read (DuckDB would drop it without a word), naming it', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '就业登记明细202201.csv');
      const lines = [HEADER, ...REGISTRATIONS.slice(0, 2)].map((f) => csvLine(f, ','));
      // The first row holds a quoted line break: the long line is the file's fourth record, as Excel counts.
      writeFileSync(file, [...lines, 'x'.repeat(MAX_LINE_BYTES + 1), lines[1]].join('\n') + '\n');
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.errors.map((f) => [f.code, f.message, f.location.row])).toEqual([
        ['malformed_rows', '1行过长或无法拆分为列（第4行无法拆分），请检查后重新导出', 4],
      ]);
      expect(counts).toEqual({ read: 0, stored: 0, not_reported: 0, left_out: {} });
    });
  });
});

describe('other formats and files whose extension lies', () => {
  it('reads JSON lines with a UTF-8 BOM and a blank line', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '12333话务202201.jsonl');
      const days = Array.from({ length: 31 }, (_, i) =>
        JSON.stringify({
          日期: `2022-01-${String(i + 1).padStart(2, '0')}`,
          呼入量: 1000 + i,
          人工接通量: 900,
        }),
      );
      writeFileSync(file, '\ufeff' + [...days.slice(0, 10), '', ...days.slice(10)].join('\n') + '\n');
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status, JSON.stringify(outcome.errors)).toBe('loaded');
      expect(counts).toEqual({ read: 32, stored: 31, not_reported: 1, left_out: {} });
      // 31 × 1000 + (0 + 1 + … + 30).
      expect(
        await w.rows(`select indicator_code, value from fact_value where region_code = '370200' order by 1`),
      ).toEqual([
        { indicator_code: 'hotline_calls_answered', value: '27900.000000' },
        { indicator_code: 'hotline_calls_in', value: '31465.000000' },
      ]);
    });
  });

  it('reads Parquet named .csv as Parquet, and says in Chinese when Parquet is broken', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '参保人数月报202201.csv');
      await w.connection
        .run(`copy (select * from (values ('370202', '202201', '失业保险', '301000', '291000'),
        (NULL, NULL, NULL, NULL, NULL)) t("行政区划代码", "统计年月", "险种", "参保人数", "缴费人数"))
        to '${file}' (format parquet)`);
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status).toBe('loaded');
      expect(counts).toEqual({ read: 2, stored: 1, not_reported: 1, left_out: {} });
      expect(
        await w.rows(`select value from fact_value where indicator_code = 'unemployment_insured'`),
      ).toEqual([{ value: '301000.000000' }]);
      const broken = path.join(dir, '参保人数月报202202.parquet');
      writeFileSync(broken, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 7)]));
      const refused = await ingest(w, broken, config);
      expect(refused.outcome.errors.map((f) => [f.code, f.message])).toEqual([
        ['unreadable_export', '文件无法按Parquet格式读取（内容不完整或不是该格式），请重新导出'],
      ]);
      expect(refused.counts).toEqual({ read: 0, stored: 0, not_reported: 0, left_out: {} });
    });
  });

  it('reads Arrow IPC named .jsonl as Arrow, batch by batch', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '12333话务202201.jsonl');
      const batch = (from: number) =>
        new Table({
          日期: vectorFromArray(
            Array.from({ length: 10 }, (_, i) => `2022-01-${String(from + i).padStart(2, '0')}`),
            new Utf8(),
          ),
          呼入量: vectorFromArray(Int32Array.from({ length: 10 }, () => 100)),
          人工接通量: vectorFromArray(Int32Array.from({ length: 10 }, () => 90)),
        });
      // Three record batches in one file: the reader appends each as it comes.
      const table = batch(1).concat(batch(11), batch(21));
      writeFileSync(file, tableToIPC(table, 'file'));
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.status, JSON.stringify(outcome.errors)).toBe('loaded');
      expect(counts).toEqual({ read: 30, stored: 30, not_reported: 0, left_out: {} });
      expect(
        await w.rows(`select indicator_code, value from fact_value where region_code = '370200' order by 1`),
      ).toEqual([
        { indicator_code: 'hotline_calls_answered', value: '2700.000000' },
        { indicator_code: 'hotline_calls_in', value: '3000.000000' },
      ]);
    });
  });

  it('reads an OLE file named .xlsx as an old workbook, never as an export', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '370202_2022-01.xlsx');
      writeFileSync(
        file,
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      );
      const { outcome } = await ingest(w, file, config);
      // Converted by LibreOffice where it is installed (then judged as a return: this one holds no
      // table), else the Chinese old-format message; never the export reader's.
      const codes = outcome.errors.map((f) => f.code);
      if (existsSync('/usr/bin/soffice')) expect(codes).toContain('no_indicator_table');
      else expect(codes).toEqual(['old_workbook_format']);
      expect(outcome.source).toBe('return');
    });
  });

  const python = '/usr/bin/python3';
  const openpyxl = spawnSync(python, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
  if (!openpyxl && !process.env.CI)
    console.warn('openpyxl is missing (apt install python3-openpyxl): the .xlsx export tests are skipped');

  it.skipIf(!openpyxl && !process.env.CI)(
    'reads an .xlsx copy of an export written by openpyxl (title row, real dates, a blank row), even named .xls',
    async () => {
      await withTestWarehouse(async (w) => {
        const { dir, config } = workspace();
        const rows = REGISTRATIONS.map((f) => [...f]);
        const script = `
import json, sys, datetime, openpyxl
rows = json.loads(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "就业登记明细"
ws.append(["就业登记明细（2022年1月）" + sys.argv[4]])
ws.append(json.loads(sys.argv[3]))
for i, r in enumerate(rows):
    if i == 1:
        ws.append([])
    if r[4] == "2022-01-05":
        r[4] = datetime.datetime(2022, 1, 5)
    r[0] = int(r[0])
    ws.append(r)
wb.save(sys.argv[1])
`;
        for (const name of ['就业登记明细202201.xlsx', '就业登记明细202201补报.xls']) {
          const file = path.join(dir, name);
          // Titled apart, so the two workbooks never come out byte for byte the same.
          const title = name.includes('补报') ? '（补报）' : '';
          const made = spawnSync(
            python,
            ['-c', script, file, JSON.stringify(rows), JSON.stringify(HEADER), title],
            {
              encoding: 'utf8',
            },
          );
          expect(made.status, made.stderr).toBe(0);
        }
        const first = await ingest(w, path.join(dir, '就业登记明细202201.xlsx'), config);
        expect(first.outcome.status, JSON.stringify(first.outcome.errors)).toBe('loaded');
        // openpyxl writes no row for the empty one: a blank line, not reported.
        expect(first.counts).toEqual({ read: 8, not_reported: 1, ...REGISTRATION_COUNTS });
        expect(await registrationFigures(w)).toEqual(REGISTRATION_FIGURES);
        // The same persons again in a zip named .xls: read as the export, each one a repeat.
        const again = await ingest(w, path.join(dir, '就业登记明细202201补报.xls'), config);
        // No row is new: only January's true 0 is stored, the outcome says why, every row accounted for.
        expect(again.outcome.errors).toEqual([]);
        expect(again.outcome.notes?.map((f) => f.code)).toEqual(['nothing_new']);
        expect(again.outcome.notes?.[0]!.message).toContain('人员此前已计数4行');
        expect(again.outcome.notes?.[0]!.message).toContain('2022年1月的新增数0');
        expect(again.counts.stored).toBe(0);
        expect(again.counts.left_out).toEqual({
          date_out_of_window: 1,
          invalid_id_number: 1,
          not_selected: 1,
          repeat_person: 4,
        });
        expect(await registrationFigures(w)).toEqual(REGISTRATION_FIGURES);
        // Nothing of the workbooks is left in the warehouse's private temp folder.
        expect(readdirSync(path.join(dir, '.kpi.duckdb.tmp'))).toEqual([]);
      });
    },
  );
});
