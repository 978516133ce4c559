import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import type { FileOutcome } from '../../core/file-outcome.ts';
import { ingestFile } from '../../pipelines/ingest-file.ts';
import { ingestFiles } from '../../pipelines/ingest-files.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { withTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';
import { TEST_NOW, testContext, writeTempSample } from '../sources/district-return/ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;
let files: string[];

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [1, 2, 3], broken: true });
  const month = (m: number) =>
    sample.returns
      .filter((r) => r.month === m)
      .map((r) => r.file)
      .sort();
  const broken = (await readdir(sample.brokenDir!))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(sample.brokenDir!, f));
  // The same bytes under another name, right after the original.
  const copy = path.join(sample.dir, 'copy-of-february.xlsx');
  await copyFile(month(2).at(-1)!, copy);
  // February of 市南区 with a 1-2月 城镇新增就业 below January's: rejected against January's figures,
  // which arrive in the same inbox just before it.
  const february = month(2).find((f) => f.includes('市南区'))!;
  const februaryBook = new ExcelJS.Workbook();
  await februaryBook.xlsx.readFile(february);
  februaryBook.worksheets[0]!.getCell('F7').value = 0.0001;
  await februaryBook.xlsx.writeFile(february);
  // January of one district sent again with new document properties: a new file, the same figures.
  const resent = path.join(sample.dir, 'resent-january.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(month(1)[0]!);
  workbook.creator = 'resent';
  await workbook.xlsx.writeFile(resent);
  // March of 市南区 with a 结案率 that does not match its cases: loaded, with a warning.
  const march = month(3).find((f) => f.includes('市南区'))!;
  const marchBook = new ExcelJS.Workbook();
  await marchBook.xlsx.readFile(march);
  marchBook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      if (!row.values.toString().includes('劳动人事争议案件结案率')) return;
      row.eachCell((cell) => {
        if (typeof cell.value === 'number') cell.value += 0.7;
      });
    }),
  );
  await marchBook.xlsx.writeFile(march);
  files = [
    ...sample.baseline.map((r) => r.file),
    // 市南区's January last, so it is still held when its February comes.
    ...month(1).filter((f) => !f.includes('市南区')),
    month(1).find((f) => f.includes('市南区'))!,
    february,
    ...month(2).filter((f) => f !== february),
    copy,
    ...broken.slice(0, 6),
    ...month(3),
    resent,
    ...broken.slice(6),
  ];
}, 120_000);
afterAll(() => sample.cleanup());

/** What a warehouse holds after loading: facts with provenance, files and findings. */
async function contents(w: TestWarehouse) {
  return {
    facts: await w.rows(
      `SELECT indicator_code, region_code, strftime(period, '%Y-%m') AS period, measure, value::VARCHAR AS value,
              source_kind, file_hash, sheet, cell, row_group, run_id, superseded_at IS NULL AS current, superseded_by
       FROM fact_value ORDER BY ALL`,
    ),
    files: await w.rows(
      `SELECT file_hash, file_name, source_kind, source_name, region_code, strftime(period, '%Y-%m') AS period,
              status, received_at::VARCHAR AS received, run_id, superseded_at::VARCHAR AS superseded, superseded_by
       FROM source_file ORDER BY ALL`,
    ),
    findings: await w.rows(
      `SELECT severity, rule, region_code, strftime(period, '%Y-%m') AS period, indicator_code, file_hash, location, message
       FROM finding ORDER BY ALL`,
    ),
  };
}

const summary = (o: FileOutcome) => ({
  file: path.basename(o.file),
  status: o.status,
  region: o.region,
  period: o.period,
  errors: o.errors.map((e) => e.message),
  warnings: o.warnings.map((e) => e.message),
  replaced: o.replaced,
  kept: o.kept,
});

/** `connection`, counting the transactions it commits. */
function countingCommits(connection: DuckDBConnection) {
  const counter = { commits: 0 };
  const counted = new Proxy(connection, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key !== 'run') return typeof value === 'function' ? value.bind(target) : value;
      return (sql: string, ...rest: unknown[]) => {
        if (/^\s*COMMIT\b/i.test(sql)) counter.commits++;
        return (value as (...a: unknown[]) => unknown).call(target, sql, ...rest);
      };
    },
  });
  return { connection: counted, counter };
}

describe('ingestFiles: fresh returns loaded together', () => {
  it('leaves the warehouse as loading the files one by one does, in far fewer transactions', async () => {
    const context = testContext(catalogue);
    const oneByOne = await withTestWarehouse(async (w) => {
      const outcomes: FileOutcome[] = [];
      for (const file of files) outcomes.push(await ingestFile(w.connection, file, context));
      return { outcomes: outcomes.map(summary), contents: await contents(w) };
    });
    const together = await withTestWarehouse(async (w) => {
      const { connection, counter } = countingCommits(w.connection);
      const log = createMemoryLog();
      const outcomes = await ingestFiles(connection, files, { ...context, now: () => TEST_NOW, log });
      const logged = log.events.flatMap((e) => (e.event === 'file' ? [path.basename(e.file)] : []));
      return {
        outcomes: outcomes.map(summary),
        contents: await contents(w),
        commits: counter.commits,
        logged,
      };
    });

    const statuses = oneByOne.outcomes.map((o) => o.status);
    expect(statuses).toContain('unchanged');
    expect(statuses).toContain('revised');
    expect(statuses).toContain('rejected');
    expect(oneByOne.outcomes.some((o) => o.status === 'loaded' && o.warnings.length > 0)).toBe(true);
    expect(together.outcomes).toEqual(oneByOne.outcomes);
    expect(together.logged).toEqual(files.map((f) => path.basename(f)));
    expect(together.contents.facts.length).toBeGreaterThan(1000);
    expect(together.contents).toEqual(oneByOne.contents);
    // One by one, every file but the unchanged one is a transaction of its own.
    const loaded = statuses.filter((s) => s === 'loaded').length;
    expect(together.commits).toBeLessThan(files.length - loaded / 2);
  }, 300_000);
});
