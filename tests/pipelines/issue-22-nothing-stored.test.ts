/**
 * Issue 22: no reader path reports `loaded` for a file that stores nothing (SPEC §6, §10) — the
 * in-process ingest, and the run's ingest with its child reader and fresh-return batch — and the
 * run log keeps each file's counts. Real files, a real warehouse.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { countsAddUp } from '../../core/file-counts.ts';
import type { FileOutcome } from '../../core/file-outcome.ts';
import { ingestFile } from '../../pipelines/ingest-file.ts';
import { ingestFiles } from '../../pipelines/ingest-files.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { writeWorkbook } from '../../samples/write-workbook.ts';
import { withTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';
import { TEST_NOW, testContext, writeTempSample } from '../sources/district-return/ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;
let dir: string;
let files: string[];
const EMPTY = ['李沧区2022年2月_空白.xlsx', '城阳区2022年2月_隐藏.xlsx'];

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [1], districts: ['370202', '370213'], broken: true });
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-nothing-stored-'));
  // Every figure blank, — or /.
  const blank = new ExcelJS.Workbook();
  const blankSheet = blank.addWorksheet('表1');
  [
    ['李沧区2022年2月人社指标'],
    ['指标名称', '本月', '累计'],
    ['城镇新增就业', '—', '/'],
    ['失业保险参保人数', null, '—'],
  ].forEach((cells, r) => cells.forEach((v, c) => (blankSheet.getCell(r + 1, c + 1).value = v)));
  await writeWorkbook(blank, path.join(dir, EMPTY[0]!));
  // The only figures are on a hidden sheet (last month's copy); the visible sheet is blank.
  const hidden = new ExcelJS.Workbook();
  const visible = hidden.addWorksheet('2月');
  [['城阳区2022年2月人社指标'], ['指标名称', '本月', '累计'], ['城镇新增就业', '', '']].forEach((cells, r) =>
    cells.forEach((v, c) => (visible.getCell(r + 1, c + 1).value = v)),
  );
  const copy = hidden.addWorksheet('1月', { state: 'hidden' });
  [['城阳区2022年1月人社指标'], ['指标名称', '本月', '累计'], ['城镇新增就业', 800, 800]].forEach(
    (cells, r) => cells.forEach((v, c) => (copy.getCell(r + 1, c + 1).value = v)),
  );
  await writeWorkbook(hidden, path.join(dir, EMPTY[1]!));
  const broken = (await readdir(sample.brokenDir!)).filter((f) => f.endsWith('.xlsx')).sort();
  files = [
    ...sample.returns.map((r) => r.file),
    ...broken.map((f) => path.join(sample.brokenDir!, f)),
    ...EMPTY.map((f) => path.join(dir, f)),
  ];
}, 120_000);
afterAll(async () => {
  await sample.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Each outcome against the facts the warehouse holds of its file. */
async function expectAccounted(w: TestWarehouse, outcomes: readonly FileOutcome[]): Promise<void> {
  const facts = new Map(
    (
      await w.rows(
        `SELECT s.file_name, count(f.fact_id)::INTEGER AS n FROM source_file s
         LEFT JOIN fact_value f USING (file_hash) GROUP BY ALL`,
      )
    ).map((r) => [r.file_name, r.n]),
  );
  for (const o of outcomes) {
    const name = path.basename(o.file);
    expect(countsAddUp(o.counts), name).toBe(true);
    expect(o.counts.stored, name).toBe(facts.get(name));
    if (o.status === 'loaded' || o.status === 'revised') expect(o.counts.stored, name).toBeGreaterThan(0);
    else expect(o.counts.stored, name).toBe(0);
  }
  for (const name of EMPTY) {
    const outcome = outcomes.find((o) => path.basename(o.file) === name)!;
    expect(outcome.status, name).toBe('rejected');
    expect(
      outcome.errors.map((e) => e.code),
      name,
    ).toEqual(['nothing_stored']);
  }
}

describe('issue 22: never loaded with nothing stored', () => {
  it('in-process ingest, file by file', async () => {
    await withTestWarehouse(async (w) => {
      const outcomes: FileOutcome[] = [];
      for (const file of files) outcomes.push(await ingestFile(w.connection, file, testContext(catalogue)));
      for (const r of sample.returns) expect(outcomes.find((o) => o.file === r.file)!.status).toBe('loaded');
      await expectAccounted(w, outcomes);
      const hidden = outcomes.find((o) => o.file.endsWith(EMPTY[1]!))!;
      expect(hidden.notes!.map((n) => n.message)).toEqual([
        '隐藏工作表“1月”已跳过，未读取（是2022年1月报表的副本）',
      ]);
      expect(hidden.counts).toEqual({ read: 2, stored: 0, not_reported: 2, left_out: {} });
    });
  });

  it('the run’s ingest: child reader, fresh returns loaded together, counts in the run log', async () => {
    await withTestWarehouse(async (w) => {
      const log = createMemoryLog();
      const outcomes = await ingestFiles(w.connection, files, {
        ...testContext(catalogue),
        now: () => TEST_NOW,
        log,
      });
      await expectAccounted(w, outcomes);
      const logged = log.events.flatMap((e) =>
        e.event === 'file' ? [[path.basename(e.file), e.counts]] : [],
      );
      expect(logged).toEqual(outcomes.map((o) => [path.basename(o.file), o.counts]));
    });
  });
});
