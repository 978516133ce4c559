// @module-tag process
/**
 * Issue 22: no national ID in any written form — spaced, full-width, beside a letter, lower-case x,
 * 15 digits — leaves the files it came in: IDs in every column of an export and in the label, value
 * and 填报单位 cells of a return go through `kpi run` and `kpi ingest --json`, and the warehouse (its
 * bytes and every table), the outputs, the run log, the error reports and the temp folder are searched.
 */
import ExcelJS from 'exceljs';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardApp } from '../../serve/create-board-app.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { DEFAULT_TIMEZONE } from '../../core/config.ts';
import { quoteIdentifier } from '../../warehouse/sql.ts';
import { REGISTRATION_HEADER, writeCsv } from '../sources/system-export/export-fixtures.ts';
import { runKpi, type KpiResult } from './kpi-process.ts';

/** Each written form and the digits it spells (an x as the 18th character is left out of the search). */
const FORMS = [
  { name: 'spaced', written: '370202 19770707 5559', digits: '370202197707075559' },
  { name: 'full-width', written: '３７０２０３１９８４０３１２８８４３', digits: '370203198403128843' },
  { name: 'letter before', written: 'ID370211199201011238', digits: '370211199201011238' },
  { name: 'letter after', written: '370212198811300071a', digits: '370212198811300071' },
  { name: 'lower-case x', written: '37021419910601080x', digits: '37021419910601080' },
  { name: '15 digits', written: '370203900517213', digits: '370203900517213' },
] as const;

/** Only the digits of a text, full-width ones read as ASCII: a spaced or full-width ID is found too. */
const digitsOf = (text: string) =>
  text.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');

/** The forms whose digits appear in `text`. */
const leaked = (text: string) => {
  const digits = digitsOf(text);
  return FORMS.filter((f) => digits.includes(f.digits)).map((f) => f.name);
};

const VALID = [
  '1',
  '张三',
  '370202196001010011',
  '男',
  '2026-11-03',
  '城镇新增就业',
  '市南区人社局',
  '370202',
];

/** One registration export per form: one row per column holding the ID (so the date and region rows reject it). */
function exportLines(written: string): string[] {
  return [
    REGISTRATION_HEADER,
    ...VALID.map((_, column) => VALID.map((v, c) => (c === column ? written : v)).join(',')),
  ];
}

/** A 市南区 return for 2026-11 with the ID as 填报单位, as a label and as a value. */
async function writeReturn(file: string, written: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  const rows: (string | number)[][] = [
    ['2026年1-11月就业创业主要指标完成情况表'],
    [`填报单位：${written}`, '', '报告期：2026年11月'],
    ['指标名称', '本月', '1-11月累计'],
    ['城镇新增就业', 1200, 21000],
    [written, 10, 100],
    ['帮扶失业人员再就业人数', written, 900],
    [`联系电话：${written}`],
  ];
  rows.forEach((cells, r) => cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  await book.xlsx.writeFile(file);
}

let work: string;
let run: KpiResult;
let ingest: KpiResult;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kpi-ids-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  for (const [i, form] of FORMS.entries()) {
    writeCsv(path.join(sources, `就业登记明细202611-${i + 1}.csv`), exportLines(form.written), 'gbk');
    await writeReturn(path.join(sources, `2026年11月_市南区_${i + 1}.xlsx`), form.written);
  }
  // IDs where a loaded export carries them: as 姓名, 经办机构 and the ID itself (hashed, never kept).
  writeCsv(
    path.join(sources, '就业登记明细202610.csv'),
    [
      REGISTRATION_HEADER,
      ...FORMS.map((f, i) =>
        [i + 1, f.written, f.written, '男', '2026-10-08', '城镇新增就业', f.written, '370202'].join(','),
      ),
    ],
    'utf8',
  );
  // An ID in a file name and in a sheet name of files that load: kept as provenance, masked.
  writeCsv(
    path.join(sources, `就业登记明细202609-${FORMS[0].written}.csv`),
    [REGISTRATION_HEADER, VALID.join(',').replace('2026-11-03', '2026-09-03')],
    'utf8',
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(FORMS[3].written);
  [
    ['填报单位：市北区人社局', '', '报告期：2026年11月'],
    ['指标名称', '本月', '1-11月累计'],
    ['城镇新增就业', 1500, 25000],
  ].forEach((cells, r) => cells.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  await book.xlsx.writeFile(path.join(sources, '2026年11月_市北区.xlsx'));
  writeFileSync(path.join(work, 'kpi.config.json'), JSON.stringify({ db: 'kpi.duckdb' }));
  cpSync(sources, path.join(work, 'inbox'), { recursive: true });
  mkdirSync(path.join(work, 'second'));
  run = await runKpi(['run'], { cwd: work });
  ingest = await runKpi(['ingest', sources, '--json', '--db', path.join(work, 'second', 'kpi.duckdb')], {
    cwd: work,
  });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

describe('issue 22: IDs in every form are masked wherever text is quoted', () => {
  it('ran: the loaded export and the rejected files came through both commands', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(ingest.code, ingest.stderr).toBe(1);
    const outcomes = JSON.parse(ingest.stdout) as { file: string; status: string }[];
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(12);
    expect(outcomes.find((o) => o.file.endsWith('202610.csv'))?.status).toBe('loaded');
    expect(outcomes.find((o) => o.file.endsWith('市北区.xlsx'))?.status).toBe('loaded');
    expect(outcomes.find((o) => o.file.includes('202609'))).toMatchObject({
      status: 'loaded',
      file: expect.stringMatching(/就业登记明细202609-370202\*{8}5559\.csv$/),
    });
  });

  it('quotes the IDs masked: the date column’s examples and the return’s label and value', () => {
    expect(ingest.stdout).toContain('370202********5559');
    expect(ingest.stdout).toContain('370203********8843');
    expect(ingest.stdout).toContain('370203*****7213');
    expect(ingest.stdout).toContain('370214********080X');
  });

  it('leaves no form in the --json output, the run log or the error reports', () => {
    expect(leaked(ingest.stdout)).toEqual([]);
    expect(leaked(ingest.stderr)).toEqual([]);
    expect(leaked(run.stdout + run.stderr)).toEqual([]);
    const reports = filesUnder(path.join(work, 'rejected')).filter((f) => /\.errors\.(txt|json)$/.test(f));
    expect(reports).toHaveLength(24);
    for (const report of reports)
      expect([report, leaked(readFileSync(report, 'utf8'))]).toEqual([report, []]);
  });

  it('keeps no form in either warehouse: not in its bytes, not in any table', async () => {
    for (const db of [path.join(work, 'kpi.duckdb'), path.join(work, 'second', 'kpi.duckdb')]) {
      expect(leaked(readFileSync(db).toString('utf8'))).toEqual([]);
      await withWarehouse(db, { readOnly: true }, async ({ connection }) => {
        const all = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
        const tables = await all(`SELECT table_name FROM duckdb_tables() WHERE NOT temporary`);
        expect(tables.length).toBeGreaterThan(10);
        for (const { table_name } of tables) {
          const rows = await all(`SELECT * FROM ${quoteIdentifier(String(table_name))}`);
          expect([table_name, leaked(JSON.stringify(rows))]).toEqual([table_name, []]);
        }
        const findings = await all(`SELECT location, message FROM quality_finding`);
        expect(findings.length).toBeGreaterThan(20);
        expect(leaked(JSON.stringify(findings))).toEqual([]);
        // The loaded export's persons are counted from their hashes (the valid ones: full-width and beside a letter).
        const [persons] = await all(`SELECT count(*)::INTEGER AS n FROM person_seen`);
        expect(persons!.n).toBeGreaterThan(0);
        // The names are kept as provenance, with the ID masked.
        expect(await all(`SELECT DISTINCT sheet FROM fact_value WHERE source_kind = 'return'`)).toEqual([
          { sheet: '370212********0071a' },
        ]);
        expect(
          await all(`SELECT file_name FROM source_file WHERE file_name LIKE '就业登记明细202609%'`),
        ).toEqual([{ file_name: '就业登记明细202609-370202********5559.csv' }]);
      });
    }
  });

  it('leaves no form anywhere under the working folder but in the files as they were sent', () => {
    const copies = /\.(csv|xlsx)$/;
    const kept = filesUnder(work).filter((f) => !f.startsWith(path.join(work, 'sources')) && !copies.test(f));
    expect(kept.some((f) => f.includes('.errors.'))).toBe(true);
    for (const file of kept) expect([file, leaked(readFileSync(file).toString('utf8'))]).toEqual([file, []]);
    // Nor in a name: the archived and rejected copies are kept under the name with the ID masked.
    const names = filesUnder(work).filter((f) => !f.startsWith(path.join(work, 'sources')));
    expect(names.filter((f) => leaked(path.basename(f)).length > 0)).toEqual([]);
    expect(names.filter((f) => f.includes('370202********5559'))).toHaveLength(1);
  });

  it('shows no form on the board’s 审核 page', async () => {
    const app = createBoardApp({
      db: path.join(work, 'kpi.duckdb'),
      timezone: DEFAULT_TIMEZONE,
      reports: path.join(work, 'reports'),
      log: () => {},
    });
    const page = await (await app.request('/findings')).text();
    expect(page).toContain('370202********5559');
    expect(leaked(page)).toEqual([]);
  });
});
