import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BEHIND_FILL } from '../../reports/build-workbook.ts';
import { writeReport } from '../../reports/write-report.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

async function octoberWorkbook(): Promise<{ file: string; wb: ExcelJS.Workbook }> {
  const file = await withTestWarehouse(async (w) => {
    await loadOctober2022(w);
    const out = await mkdtemp(path.join(tmpdir(), 'kpi-xlsx-'));
    const [f] = await writeReport(w.connection, { period: '2022-10', formats: ['xlsx'], outDir: out });
    return f!;
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { file, wb };
}

/** The row whose cell in `column` holds `text`. */
function rowWith(sheet: ExcelJS.Worksheet, column: number, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((r) => {
    if (r.getCell(column).value === text) found ??= r;
  });
  if (!found) throw new Error(`no row with ${text}`);
  return found;
}

const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const behind = (BEHIND_FILL as ExcelJS.FillPattern).fgColor!.argb;

describe('writeReport: Excel', () => {
  it('reopens with the summary, one sheet per category with data, completion and returns', async () => {
    const { wb } = await octoberWorkbook();
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '就业创业',
      '社会保障',
      '人才人事',
      '劳动关系',
      '公共服务',
      '区市完成进度',
      '报送与预警',
    ]);
  });

  it('holds exact values in display units with number formats, units in headers and frozen panes', async () => {
    const { wb } = await octoberWorkbook();
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    const jobs = rowWith(summary, 2, '城镇新增就业');
    expect(jobs.number).toBe(4);
    expect(jobs.getCell(3).value).toBe('万人');
    expect(jobs.getCell(4).value).toBe(27.827); // 278,270 人
    expect(jobs.getCell(4).numFmt).toBe('0.00');
    expect(jobs.getCell(5).value).toBe(35);
    // 278,270 is the sum of nine districts (莱西市 has not reported): a partial roll-up has no completion (issue 11).
    expect(jobs.getCell(7).value).toBeNull();
    expect(jobs.getCell(9).value).toBeNull();
    const net = rowWith(summary, 2, '企业社会保险参保缴费人数净增');
    expect(net.getCell(9).numFmt).toBe('+0.00;-0.00;0.00');
    expect(fill(net.getCell(7))).toBe(behind);
    const grads = rowWith(summary, 2, '扶持大学生创业人数');
    expect(grads.getCell(4).value).toBe(3050);
    expect(grads.getCell(4).numFmt).toBe('0');
    expect(fill(grads.getCell(7))).toBeUndefined();
    // A target without a figure this month: blank cells, never 0.
    const interns = rowWith(summary, 2, '见习实习人数');
    expect(interns.getCell(4).value).toBeNull();
    expect(interns.getCell(5).value).toBe(2);

    const employment = wb.getWorksheet('就业创业')!;
    expect(employment.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    expect(employment.getRow(2).values).toEqual([
      undefined,
      '区市',
      '城镇新增就业（万人）',
      '城镇调查失业率（%）',
      '扶持大学生创业人数（人）',
    ]);
    expect(employment.getRow(3).getCell(1).value).toBe('青岛市');
    expect(employment.getRow(4).getCell(2).value).toBe(1.85); // 市南区 18,500
    expect(employment.getRow(13).getCell(1).value).toBe('莱西市');
    expect(employment.getRow(13).getCell(2).value).toBeNull(); // not reported: blank, never 0
  });

  it('marks behind-schedule district cells in the completion sheet', async () => {
    const { wb } = await octoberWorkbook();
    const matrix = wb.getWorksheet('区市完成进度')!;
    expect(matrix.getRow(3).getCell(2).value).toBe('城镇新增就业（完成%）');
    expect(matrix.getRow(2).getCell(2).value).toBeCloseTo(10 / 12, 12);
    const byName = (name: string) => rowWith(matrix, 1, name).getCell(2);
    expect(byName('市南区').value).toBe(0.925);
    expect(byName('市南区').numFmt).toBe('0.00%');
    expect(fill(byName('市南区'))).toBeUndefined();
    expect(byName('市北区').value).toBe(0.82);
    expect(fill(byName('市北区'))).toBe(behind);
    expect(fill(byName('平度市'))).toBe(behind);
  });

  it('writes text from returns as plain strings, never formulas', async () => {
    const { file, wb } = await octoberWorkbook();
    const notes = wb.getWorksheet('报送与预警')!;
    const texts: ExcelJS.Cell[] = [];
    notes.eachRow((r) => r.eachCell((c) => texts.push(c)));
    const hyperlink = texts.find((c) => String(c.value).startsWith('=HYPERLINK'))!;
    const warning = texts.find((c) => String(c.value).startsWith('=2+3'))!;
    for (const c of [hyperlink, warning]) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    expect(hyperlink.value).toBe('=HYPERLINK("http://x")市北区2022年1-10月.xlsx');
    // No formula anywhere in the package.
    const { execFileSync } = await import('node:child_process');
    const listing = execFileSync('unzip', ['-p', file, 'xl/worksheets/*.xml']).toString();
    expect(listing).not.toMatch(/<f[ >]/);
    expect((await readFile(file)).subarray(0, 2).toString()).toBe('PK');
  });
});
