import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BEHIND_FILL } from '../../reports/build-workbook.ts';
import { writeReport } from '../../reports/write-report.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden', 'bulletin-2022-10.xlsx.txt');

/** Every filled cell of every sheet as `sheet!A1<TAB>value<TAB>numFmt`, one a line. */
function workbookCells(wb: ExcelJS.Workbook): string {
  const lines: string[] = [];
  for (const sheet of wb.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        if (c.isMerged && c.master !== c) return;
        lines.push(`${sheet.name}!${c.address}\t${String(c.value)}\t${c.numFmt ?? ''}`);
      }),
    );
  return `${lines.join('\n')}\n`;
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

// Issue 13: the workbook takes its tables from the bulletin model (printed figures) and prints on A4.
describe('writeReport: Excel', () => {
  let file = '';
  const wb = new ExcelJS.Workbook();
  beforeAll(async () => {
    file = await withTestWarehouse(async (w) => {
      await loadOctober2022(w);
      const out = await mkdtemp(path.join(tmpdir(), 'kpi-xlsx-'));
      const [f] = await writeReport(w.connection, { period: '2022-10', formats: ['xlsx'], outDir: out });
      return f!;
    });
    await wb.xlsx.readFile(file);
  });

  it('holds the bulletin’s tables and charts, cell for cell as the golden file', async () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '区市完成情况', '报送与修订', '图表']);
    const cells = workbookCells(wb);
    // UPDATE_GOLDEN=1 rewrites the golden file after a deliberate change; review its diff by hand.
    if (process.env.UPDATE_GOLDEN) await writeFile(GOLDEN, cells);
    expect(cells).toBe(await readFile(GOLDEN, 'utf8'));
    expect(wb.getWorksheet('图表')!.getImages()).toHaveLength(5);
  });

  it('holds the printed figures with number formats, the sentence’s units and frozen panes', () => {
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    const jobs = rowWith(summary, 2, '城镇新增就业');
    expect(jobs.number).toBe(4);
    expect(jobs.getCell(3).value).toBe('万人');
    expect(jobs.getCell(4).value).toBe(27.83); // 278,270 人 as printed
    expect(jobs.getCell(4).numFmt).toBe('0.00');
    expect(jobs.getCell(5).value).toBe(35);
    expect(jobs.getCell(7).value).toBe(0.7951);
    expect(jobs.getCell(7).numFmt).toBe('0.00%');
    expect(jobs.getCell(9).value).toBe(-3.82); // 79.51 − 83.33 as printed
    expect(jobs.getCell(10).value).toBe('—'); // a flow's 是否达标 before December
    const grads = rowWith(summary, 2, '扶持大学生创业人数');
    expect(grads.getCell(3).value).toBe('人');
    expect(grads.getCell(4).value).toBe(3050);
    expect(grads.getCell(4).numFmt).toBe('0');
    expect(grads.getCell(10).value).toBe('是');
  });

  it('marks only the filled cells of a behind or missed row', () => {
    const summary = wb.getWorksheet('汇总')!;
    const jobs = rowWith(summary, 2, '城镇新增就业');
    expect(fill(jobs.getCell(7))).toBe(behind);
    expect(fill(jobs.getCell(9))).toBe(behind);
    expect(fill(jobs.getCell(10))).toBeUndefined(); // "—"
    expect(fill(rowWith(summary, 2, '扶持大学生创业人数').getCell(7))).toBeUndefined();
    // A rate short of its floor (91.75% against 93%): its 否 carries the mark, its dashes do not.
    const closure = rowWith(summary, 2, '劳动人事争议案件结案率');
    expect(closure.getCell(10).value).toBe('否');
    expect(fill(closure.getCell(10))).toBe(behind);
    expect(fill(closure.getCell(7))).toBeUndefined();
    const districts = wb.getWorksheet('区市完成情况')!;
    expect(fill(rowWith(districts, 2, '市北区').getCell(5))).toBe(behind);
    expect(fill(rowWith(districts, 2, '市南区').getCell(5))).toBeUndefined();
    expect(fill(rowWith(districts, 2, '莱西市').getCell(5))).toBeUndefined();
  });

  it('prints on A4, fit to one page wide, header rows repeated, bordered cells', () => {
    for (const sheet of wb.worksheets) {
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.pageSetup.printTitlesRow).toBe('3:3');
    expect(summary.getRow(3).height).toBeGreaterThanOrEqual(30);
    expect(rowWith(summary, 2, '城镇新增就业').getCell(10).border).toMatchObject({ left: { style: 'thin' } });
  });

  it('writes text from returns as plain strings, never formulas', async () => {
    const notes = wb.getWorksheet('报送与修订')!;
    const texts: ExcelJS.Cell[] = [];
    notes.eachRow((r) => r.eachCell((c) => texts.push(c)));
    const hyperlink = texts.find((c) => String(c.value).startsWith('=HYPERLINK'))!;
    expect(hyperlink.type).toBe(ExcelJS.ValueType.String);
    expect(hyperlink.formula).toBeUndefined();
    expect(hyperlink.value).toBe('=HYPERLINK("http://x")市北区2022年1-10月.xlsx');
    const listing = execFileSync('unzip', ['-p', file, 'xl/worksheets/*.xml']).toString();
    expect(listing).not.toMatch(/<f[ >]/);
    expect((await readFile(file)).subarray(0, 2).toString()).toBe('PK');
  });
});
