// @module-tag office
// @module-tag process
/**
 * Issue 22: returns as other software writes them, made at test time by that software — LibreOffice
 * re-saves (xlsx, xls, ods and back), WPS's .et (an .xls by another name), python3-openpyxl
 * formulas with and without cached results — and files whose name lies about their kind. Each is
 * ingested into a real warehouse and its stored values checked by SQL. Needs /usr/bin/soffice and
 * /usr/bin/python3 with openpyxl: skipped with a message where missing, never in CI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { loadConfig } from '../../../core/config.ts';
import { reportFinding } from '../../../core/format-finding.ts';
import { privateTempRoot } from '../../../core/private-temp.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { ingestFiles } from '../../../pipelines/ingest-files.ts';
import { createMemoryLog } from '../../../pipelines/run-log.ts';
import { readDistrictReturn } from '../../../sources/district-return/read-district-return.ts';
import { sniffFileKind } from '../../../sources/sniff-file-kind.ts';
import { writeWorkbook } from '../../../samples/write-workbook.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { TEST_NOW, testContext } from './ingest-context.ts';

const SOFFICE = '/usr/bin/soffice';
const PYTHON = '/usr/bin/python3';
const missing = [
  ...(existsSync(SOFFICE) ? [] : ['LibreOffice (soffice)']),
  ...(existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0
    ? []
    : ['python3-openpyxl']),
];
const skip = missing.length > 0 && !process.env.CI;
if (skip)
  console.warn(`issue-22 foreign files skipped: ${missing.join(', ')} not installed (never skipped in CI)`);

/** What every accepted copy of the return stores: a formula's cached 0 included. */
const FACTS = [
  'internship_trainees month 12.000000',
  'internship_trainees ytd 512.000000',
  'registered_unemployment_rate level 3.100000',
  'unemployment_insured level 215000.000000',
  'urban_new_jobs month 0.000000',
  'urban_new_jobs ytd 9000.000000',
];
const COUNTS = { read: 8, stored: 6, not_reported: 2, left_out: {} };

/** The return: 本月 = 1-10月累计 − 上月累计 as formulas (a quiet month's is 0), a level and a rate. */
const ROWS: (readonly ExcelJS.CellValue[])[] = [
  ['市南区2022年10月人社重点指标完成情况'],
  ['填报单位：青岛市市南区人力资源和社会保障局', null, '报告期：2022年10月'],
  ['指标名称', '本月', '1-10月累计', '上月累计'],
  ['城镇新增就业', { formula: 'C4-D4', result: 0 } as ExcelJS.CellValue, 9000, 9000],
  ['见习实习人数', { formula: 'C5-D5', result: 12 } as ExcelJS.CellValue, 512, 500],
  ['失业保险参保人数', '—', 215000, null],
  ['城镇登记失业率', null, '3.1%', null],
];

/** The same return as openpyxl writes it: formulas with no cached value, a percent-formatted rate. */
const OPENPYXL = `
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '表1'
rows = [['市南区2022年10月人社重点指标完成情况'], ['填报单位：青岛市市南区人力资源和社会保障局', None, '报告期：2022年10月'],
        ['指标名称', '本月', '1-10月累计', '上月累计'], ['城镇新增就业', '=C4-D4', 9000, 9000],
        ['见习实习人数', '=C5-D5', 512, 500], ['失业保险参保人数', '—', 215000, None], ['城镇登记失业率', None, 0.031, None]]
for r, cells in enumerate(rows, 1):
    for c, v in enumerate(cells, 1):
        if v is not None: ws.cell(r, c, v)
ws['C7'].number_format = '0.0%'
wb.save(sys.argv[1])
`;

let catalogue: Catalogue;
let dir: string;
/** The files of the corpus, by what made them. */
const corpus: Record<string, string> = {};

/** Convert `file` with LibreOffice into `format` in `outDir`, in the test's own profile. */
function convert(file: string, format: string, outDir: string): string {
  const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
  const ran = spawnSync(
    SOFFICE,
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file],
    { stdio: 'ignore', timeout: 180_000 },
  );
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${format}`);
  if (ran.status !== 0 || !existsSync(out)) throw new Error(`soffice --convert-to ${format} ${file} failed`);
  return out;
}

/** `from` copied to `name` in the corpus folder. */
async function named(from: string, name: string): Promise<string> {
  const to = path.join(dir, name);
  await copyFile(from, to);
  return to;
}

beforeAll(async () => {
  catalogue = await loadCatalogue();
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-foreign-'));
  if (skip) return;
  if (missing.length > 0) throw new Error(`CI needs ${missing.join(', ')} (installed by .ci/run)`);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  ROWS.forEach((cells, r) => cells.forEach((v, c) => v !== null && (sheet.getCell(r + 1, c + 1).value = v)));
  const source = path.join(dir, 'source', '市南区2022年10月.xlsx');
  await mkdir(path.dirname(source));
  await writeWorkbook(book, source);
  const step = async (name: string) => {
    const out = path.join(dir, name);
    await mkdir(out);
    return out;
  };
  corpus.exceljs = await named(source, 'exceljs_市南区2022年10月.xlsx');
  corpus.lo_xlsx = await named(
    convert(source, 'xlsx', await step('lo-xlsx')),
    'LibreOffice_市南区2022年10月.xlsx',
  );
  const xls = convert(source, 'xls', await step('lo-xls'));
  corpus.xls = await named(xls, 'LibreOffice_市南区2022年10月.xls');
  corpus.et = await named(xls, 'WPS_市南区2022年10月.et');
  corpus.ole_named_xlsx = await named(xls, '改名_市南区2022年10月.xlsx');
  corpus.zip_named_xls = await named(source, '改名_市南区2022年10月.xls');
  const ods = convert(source, 'ods', await step('lo-ods'));
  corpus.ods = await named(ods, 'LibreOffice_市南区2022年10月.ods');
  corpus.ods_back = await named(
    convert(ods, 'xlsx', await step('lo-ods-back')),
    'ods往返_市南区2022年10月.xlsx',
  );
  const openpyxl = path.join(dir, 'openpyxl_市南区2022年10月.xlsx');
  const script = path.join(dir, 'write-return.py');
  await writeFile(script, OPENPYXL);
  if (spawnSync(PYTHON, [script, openpyxl]).status !== 0)
    throw new Error('openpyxl could not write the return');
  corpus.openpyxl = openpyxl;
  corpus.openpyxl_lo = await named(
    convert(openpyxl, 'xlsx', await step('openpyxl-lo')),
    'openpyxl经LibreOffice_市南区2022年10月.xlsx',
  );
}, 600_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Ingest `file` alone into a fresh warehouse: its outcome and the facts stored of it. */
async function ingestAlone(file: string) {
  return withTestWarehouse(async (w) => {
    const outcome = await ingestFile(w.connection, file, testContext(catalogue));
    const facts = await w.rows(
      `SELECT f.indicator_code || ' ' || f.measure || ' ' || CAST(f.value AS VARCHAR) AS fact
       FROM fact_value f JOIN source_file s USING (file_hash) WHERE s.file_name = ? ORDER BY fact`,
      [path.basename(file)],
    );
    return { outcome, facts: facts.map((r) => String(r.fact)) };
  });
}

describe.skipIf(skip)('issue 22: returns as other software writes them', () => {
  it('knows each file’s kind by its bytes, whatever its name', async () => {
    expect(await sniffFileKind(corpus.xls!)).toBe('ole');
    expect(await sniffFileKind(corpus.ole_named_xlsx!)).toBe('ole');
    expect(await sniffFileKind(corpus.zip_named_xls!)).toBe('zip');
    expect(await sniffFileKind(corpus.ods_back!)).toBe('zip');
    expect(await sniffFileKind(corpus.ods!)).toBe('ods');
  });

  for (const kind of ['exceljs', 'lo_xlsx', 'ods_back', 'openpyxl_lo', 'zip_named_xls']) {
    it(`stores the same figures from the ${kind} copy, a cached 0 included`, async () => {
      const { outcome, facts } = await ingestAlone(corpus[kind]!);
      expect(outcome).toMatchObject({ status: 'loaded', region: '370202', period: '2022-10', errors: [] });
      expect(outcome.counts).toEqual(COUNTS);
      expect(facts).toEqual(FACTS);
    }, 120_000);
  }

  for (const kind of ['xls', 'et', 'ole_named_xlsx', 'ods']) {
    it(`converts the ${kind} copy with LibreOffice and stores the same figures; the copy is removed`, async () => {
      const before = new Set(await readdir(dir));
      const { outcome, facts } = await ingestAlone(corpus[kind]!);
      expect(outcome).toMatchObject({ status: 'loaded', region: '370202', period: '2022-10', errors: [] });
      expect(outcome.counts).toEqual(COUNTS);
      expect(facts).toEqual(FACTS);
      // The converted copy was made in the warehouse's private temp folder, and removed.
      const root = privateTempRoot(testContext(catalogue).config.db);
      const left = existsSync(root) ? await readdir(root) : [];
      expect(left.filter((name) => name.startsWith('convert-'))).toEqual([]);
      expect(new Set(await readdir(dir))).toEqual(before);
    }, 300_000);
  }

  it('rejects openpyxl’s formulas without cached values, naming each cell', async () => {
    const { outcome, facts } = await ingestAlone(corpus.openpyxl!);
    expect(outcome.status).toBe('rejected');
    expect(outcome.errors.map((e) => [e.code, e.location.cell, e.message])).toEqual([
      ['non_numeric_value', 'B4', '城镇新增就业：公式没有保存计算结果（请在Excel中打开并保存后重新报送）'],
      ['non_numeric_value', 'B5', '见习实习人数：公式没有保存计算结果（请在Excel中打开并保存后重新报送）'],
    ]);
    expect(outcome.counts).toEqual({
      read: 8,
      stored: 0,
      not_reported: 2,
      left_out: { formula_without_result: 2, rejected: 4 },
    });
    expect(facts).toEqual([]);
  }, 120_000);

  it('converts an .et in the run’s child reader, and lands in observation', async () => {
    await withTestWarehouse(async (w) => {
      const outcomes = await ingestFiles(w.connection, [corpus.et!], {
        ...testContext(catalogue),
        now: () => TEST_NOW,
        log: createMemoryLog(),
      });
      expect(outcomes.map((o) => [o.status, o.counts])).toEqual([['loaded', COUNTS]]);
      expect(
        await w.rows(
          `SELECT indicator_code, ytd_value, month_value FROM observation
           WHERE region_code = '370202' AND period = DATE '2022-10-01' ORDER BY indicator_code`,
        ),
      ).toEqual([
        { indicator_code: 'internship_trainees', ytd_value: '512.000000', month_value: '12.000000' },
        { indicator_code: 'registered_unemployment_rate', ytd_value: '3.100000', month_value: null },
        { indicator_code: 'unemployment_insured', ytd_value: '215000.000000', month_value: null },
        { indicator_code: 'urban_new_jobs', ytd_value: '9000.000000', month_value: '0.000000' },
      ]);
    });
  }, 300_000);
});

describe('issue 22: old workbooks where LibreOffice cannot help', () => {
  /** An OLE compound file header: what an .xls or .et starts with. */
  const OLE = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4088)]);
  const context = () => ({
    catalogue,
    now: TEST_NOW,
    limits: loadConfig({ cwd: tmpdir(), env: {} }).limits,
    db: path.join(dir, 'kpi.duckdb'),
  });

  it('keeps the Chinese old_workbook_format message where soffice is not installed', async () => {
    const file = path.join(dir, '市南区2022年10月_旧版.xls');
    await writeFile(file, OLE);
    const staged = await readDistrictReturn(file, 'h', {
      ...context(),
      soffice: path.join(dir, 'no-soffice'),
    });
    expect(staged.findings.map((f) => [f.code, reportFinding(f).message])).toEqual([
      ['old_workbook_format', '文件是旧版Excel格式（.xls/.et），请另存为.xlsx（Excel 2007及以上）后重新报送'],
    ]);
    expect(staged.counts).toEqual({ read: 0, stored: 0, not_reported: 0, left_out: {} });
  });

  it('measures the size before converting', async () => {
    const file = path.join(dir, '市南区2022年10月_大.et');
    await writeFile(file, OLE);
    const limits = { ...context().limits, workbook_bytes: 1000 };
    const staged = await readDistrictReturn(file, 'h', {
      ...context(),
      limits,
      soffice: path.join(dir, 'no'),
    });
    expect(staged.findings.map((f) => [f.code, f.params])).toEqual([
      ['workbook_too_large', { limit: 'workbook_bytes', value: 4096, max: 1000 }],
    ]);
  });

  it('stops a conversion that hangs at its time limit, LibreOffice’s process group with it', async () => {
    const file = path.join(dir, '市南区2022年10月_挂起.xls');
    await writeFile(file, OLE);
    const pidFile = path.join(dir, 'hung.pid');
    const hanging = path.join(dir, 'hanging-soffice.sh');
    await writeFile(hanging, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 60\n`);
    await chmod(hanging, 0o755);
    const limits = { ...context().limits, read_timeout_s: 2 };
    const started = Date.now();
    const staged = await readDistrictReturn(file, 'h', { ...context(), limits, soffice: hanging });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(staged.findings.map((f) => reportFinding(f).message)).toEqual([
      '文件无法读取：工作簿（.xls/.et/.ods）转换超过1秒未完成，请另存为.xlsx后重新报送',
    ]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
