/**
 * Issue 22, property over generated return layouts (header words, column order, hidden rows, a
 * hidden dropdown sheet, and every kind of cell: figures, formulas with cached results including 0,
 * blanks, —, /, text, formulas without a result, unknown labels): each file's counts add up, match
 * a model of the layout cell by cell, and `stored` is exactly the facts the warehouse holds of it.
 * A file is never `loaded` with nothing stored. Seeded: fast-check prints the seed of a counterexample.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { countsAddUp, fileCounts } from '../../../core/file-counts.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { writeWorkbook } from '../../../samples/write-workbook.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { testContext } from './ingest-context.ts';

const RUNS = { seed: 20221022, numRuns: 25 };

/** Indicators of each kind, none a part of another (no 其中 or ratio checks between them). */
const ROWS = [
  { label: '城镇新增就业', level: false },
  { label: '见习实习人数', level: false },
  { label: '政策性扶持创业人数', level: false },
  { label: '失业保险参保人数', level: true },
  { label: '工伤保险参保人数', level: true },
  { label: '城镇登记失业率', level: true },
] as const;
const UNKNOWN = ['新增见习岗位数', '其他就业指标'] as const;

type CellKind = 'number' | 'formula' | 'blank' | 'dash' | 'slash' | 'text' | 'no_result';
const cellKind = fc.constantFrom<CellKind>(
  'number',
  'number',
  'formula',
  'blank',
  'dash',
  'slash',
  'text',
  'no_result',
);

interface Row {
  readonly label: string;
  readonly known: boolean;
  readonly level: boolean;
  readonly month: CellKind;
  readonly ytd: CellKind;
  /** The month figure; the YTD is month + `more` (a flow's YTD is never below its month). */
  readonly figure: number;
  readonly more: number;
  readonly hidden: boolean;
}

const layout = fc.record({
  monthHeader: fc.constantFrom('本月', '当月', '本月完成'),
  ytdHeader: fc.constantFrom('累计', '1-10月累计', '累计完成'),
  monthFirst: fc.boolean(),
  targetColumn: fc.boolean(),
  dropdown: fc.boolean(),
  rows: fc
    .tuple(
      fc.subarray([...ROWS], { minLength: 1 }),
      fc.subarray([...UNKNOWN]),
      fc.array(
        fc.record({
          month: cellKind,
          ytd: cellKind,
          figure: fc.nat(2000),
          more: fc.constantFrom(0, 0, 1, 3),
          hidden: fc.boolean(),
        }),
        { minLength: 8, maxLength: 8 },
      ),
    )
    .map(([known, unknown, cells]): Row[] =>
      [
        ...known.map((r) => ({ label: r.label, known: true, level: r.level })),
        ...unknown.map((label) => ({ label, known: false, level: false })),
      ].map((r, i) => ({ ...r, ...cells[i]! })),
    ),
});
type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

const numeric = (k: CellKind) => k === 'number' || k === 'formula';
const hasContent = (k: CellKind) => k !== 'blank';

/** What the file must account for, cell by cell. */
function model(l: Layout) {
  let notReported = 0;
  let stored = 0;
  let errors = 0;
  const leftOut: Record<string, number> = {};
  const leave = (reason: string) => (leftOut[reason] = (leftOut[reason] ?? 0) + 1);
  for (const row of l.rows) {
    const cells = [row.month, row.ytd];
    if (!row.known) {
      if (!cells.some(hasContent)) continue;
      errors++;
      for (const k of cells)
        if (hasContent(k)) leave('unknown_label');
        else notReported++;
      continue;
    }
    for (const k of cells) {
      if (k === 'blank' || k === 'dash' || k === 'slash') notReported++;
      if (k === 'text') (errors++, leave('non_numeric'));
      if (k === 'no_result') (errors++, leave('formula_without_result'));
    }
    const figures = cells.filter(numeric).length;
    if (row.level && figures === 2) {
      stored++;
      leave(row.more === 0 ? 'repeated' : 'level_ambiguous');
    } else stored += figures;
  }
  if (errors === 0 && stored > 0)
    return { rejected: false, counts: fileCounts(stored, notReported, leftOut) };
  return { rejected: true, counts: fileCounts(0, notReported, { ...leftOut, rejected: stored }) };
}

function cellValue(kind: CellKind, value: number, address: string): ExcelJS.CellValue {
  switch (kind) {
    case 'number':
      return value;
    case 'formula':
      // Cached results of 0 included: exceljs writes them, and loses them when it reads.
      return { formula: `${value}+0*${address}`, result: value } as ExcelJS.CellValue;
    case 'blank':
      return null;
    case 'dash':
      return '—';
    case 'slash':
      return '/';
    case 'text':
      return '约三百';
    case 'no_result':
      return { formula: `1+0*${address}` } as ExcelJS.CellValue;
  }
}

async function writeLayout(l: Layout, file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('表1');
  sheet.getCell('A1').value = '市南区2022年1-10月人社重点指标完成情况表';
  const headers = ['指标名称', ...(l.targetColumn ? ['全年目标'] : [])];
  const valueHeaders = l.monthFirst ? [l.monthHeader, l.ytdHeader] : [l.ytdHeader, l.monthHeader];
  [...headers, ...valueHeaders].forEach((h, c) => (sheet.getCell(2, c + 1).value = h));
  const first = headers.length + 1;
  const [monthColumn, ytdColumn] = l.monthFirst ? [first, first + 1] : [first + 1, first];
  l.rows.forEach((row, i) => {
    const r = 3 + i;
    sheet.getCell(r, 1).value = row.label;
    if (l.targetColumn) sheet.getCell(r, 2).value = 99999;
    // Levels: both columns give the same figure unless `more` differs; flows: YTD = month + more.
    const ytd = row.level && row.more === 0 ? row.figure : row.figure + row.more;
    sheet.getCell(r, monthColumn).value = cellValue(
      row.month,
      row.figure,
      sheet.getCell(r, ytdColumn).address,
    );
    sheet.getCell(r, ytdColumn).value = cellValue(row.ytd, ytd, sheet.getCell(r, 1).address);
    if (row.hidden) sheet.getRow(r).hidden = true;
  });
  if (l.dropdown) {
    const list = book.addWorksheet('下拉', { state: 'hidden' });
    ROWS.forEach((r, i) => (list.getCell(i + 1, 1).value = r.label));
  }
  await writeWorkbook(book, file);
}

let catalogue: Catalogue;
let dir: string;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-counts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('issue 22: every value cell accounted for (property)', () => {
  it('counts add up, follow the layout, and stored is what the warehouse holds', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(layout, async (l) => {
        const file = path.join(dir, `市南区2022年10月_${n++}.xlsx`);
        await writeLayout(l, file);
        const expected = model(l);
        await withTestWarehouse(async (w) => {
          const outcome = await ingestFile(w.connection, file, testContext(catalogue));
          const [{ facts }] = (await w.rows(
            `SELECT count(f.fact_id)::INTEGER AS facts FROM source_file s LEFT JOIN fact_value f USING (file_hash)
             WHERE s.file_name = ?`,
            [path.basename(file)],
          )) as [{ facts: number }];
          expect(countsAddUp(outcome.counts)).toBe(true);
          expect(outcome.counts).toEqual(expected.counts);
          expect(outcome.status).toBe(expected.rejected ? 'rejected' : 'loaded');
          expect(outcome.counts.stored).toBe(facts);
          if (outcome.status === 'loaded') expect(outcome.counts.stored).toBeGreaterThan(0);
        });
      }),
      RUNS,
    );
  });
});
