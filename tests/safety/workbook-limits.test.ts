// @module-tag process
/**
 * Issue 12 (1): limits before parsing. Each hostile workbook is measured in a process whose heap is
 * capped at 32 MB, and rejected with its reason in well under a second; through `kpi ingest` it is
 * rejected while the good returns beside it load.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import type { FileOutcome } from '../../core/file-outcome.ts';
import type { Finding } from '../../core/finding.ts';
import { findingMessage } from '../../core/format-finding.ts';
import { writeTempSample } from '../sources/district-return/ingest-context.ts';
import {
  deflateBombWorkbook,
  farCellWorkbook,
  highRatioWorkbook,
  hugeFileWorkbook,
  manySheetsWorkbook,
  notAZipWorkbook,
  rowsWorkbook,
  wideWorkbook,
} from './hostile-workbooks.ts';
import { runKpi } from './kpi-process.ts';

const MEASURE = path.resolve('tests/safety/fixtures/check-limits.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-hostile-'));
let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  sample = await writeTempSample(await loadCatalogue(), {
    months: [1],
    districts: ['370202'],
    baseline: false,
  });
});
afterAll(() => sample.cleanup());

describe('workbook limits, before parsing', () => {
  it('rejects each hostile workbook with its reason in milliseconds, in a 32 MB heap', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [farCellWorkbook(dir), 'sheet_rows=1048576', /实际行数 1048576，上限 5000/],
      [deflateBombWorkbook(dir), 'workbook_xml_bytes=', /解压后大小 50\.\d MB，上限 50\.0 MB/],
      [rowsWorkbook(dir, 1_000_000), 'workbook_xml_bytes=', /解压后大小 51\.\d MB，上限 50\.0 MB/],
      [rowsWorkbook(dir, 5_001), 'sheet_rows=5001', /实际行数 5001，上限 5000/],
      [wideWorkbook(dir), 'sheet_columns=301', /实际列数 301，上限 300/],
      [manySheetsWorkbook(dir), 'workbook_sheets=101', /工作表数 101，上限 100/],
      [highRatioWorkbook(dir), 'compression_ratio=', /压缩比 \d+，上限 100/],
      [hugeFileWorkbook(dir), 'workbook_bytes=', /文件大小 21\.0 MB，上限 20\.0 MB/],
      [notAZipWorkbook(dir), '', /不是zip压缩格式/],
    ];
    const good = sample.returns[0]!.file;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--max-old-space-size=32',
      '--import',
      'tsx',
      MEASURE,
      ...cases.map((c) => c[0]),
      good,
    ]);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const results = lines.slice(0, -1) as Array<{ file: string; findings: Finding[]; ms: number }>;
    const { maxRssMb } = lines.at(-1) as { maxRssMb: number };
    for (const [file, input, message] of cases) {
      const result = results.find((r) => r.file === file)!;
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]!.code).toBe(input ? 'workbook_too_large' : 'unreadable_file');
      expect(result.findings[0]!.input ?? '').toContain(input);
      expect(findingMessage(result.findings[0]!)).toMatch(message);
      expect(result.ms).toBeLessThan(2_000);
    }
    expect(results.find((r) => r.file === good)!.findings).toEqual([]);
    expect(maxRssMb).toBeLessThan(200);
    console.log(
      'workbook limits:',
      results.map((r) => `${path.basename(r.file)} ${r.ms} ms`).join(', '),
      `; peak RSS ${maxRssMb} MB`,
    );
  }, 30_000);

  it('makes `kpi ingest` reject a hostile workbook while the good return beside it loads', async () => {
    const inbox = mkdtempSync(path.join(tmpdir(), 'kpi-hostile-inbox-'));
    copyFileSync(farCellWorkbook(dir), path.join(inbox, 'far-cell.xlsx'));
    copyFileSync(sample.returns[0]!.file, path.join(inbox, path.basename(sample.returns[0]!.file)));
    const started = Date.now();
    const result = await runKpi(['ingest', inbox, '--json', '--db', path.join(inbox, 'kpi.duckdb')], {
      cwd: inbox,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(result.code).toBe(1);
    const outcomes = JSON.parse(result.stdout) as FileOutcome[];
    expect(outcomes.map((o) => [path.basename(o.file), o.status]).sort()).toEqual(
      [
        ['far-cell.xlsx', 'rejected'],
        [path.basename(sample.returns[0]!.file), 'loaded'],
      ].sort(),
    );
    expect(outcomes.find((o) => o.status === 'rejected')!.errors[0]!.code).toBe('workbook_too_large');
    expect(seconds).toBeLessThan(20);
  }, 30_000);
});
