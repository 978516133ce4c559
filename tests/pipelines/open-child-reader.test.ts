// @module-tag process
/**
 * Issue 12 (2): a reader run by `openChildReader` cannot take its caller down. A hostile workbook
 * read by the product's reader (exceljs and the sheet grid) under a small `--max-old-space-size`
 * ends as `out_of_memory` in seconds; a throwing, hanging or memory-hungry reader ends with its
 * reason; the caller goes on reading other files, in a warm child.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { openChildReader } from '../../pipelines/open-child-reader.ts';
import { writeTempSample } from '../sources/district-return/ingest-context.ts';
import { farCellWorkbook } from '../safety/hostile-workbooks.ts';

const READ_WORKBOOK = path.resolve('tests/safety/fixtures/read-workbook.ts');
const MISBEHAVING = path.resolve('tests/safety/fixtures/misbehaving-readers.ts');
const task = (exportName: string, ...args: unknown[]) => ({
  module: exportName === 'readWorkbook' ? READ_WORKBOOK : MISBEHAVING,
  exportName,
  args,
});
type Grid = Array<{ name: string; rows: number; columns: number }>;
let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  sample = await writeTempSample(await loadCatalogue(), {
    months: [1],
    districts: ['370202'],
    baseline: false,
    broken: false,
  });
});
afterAll(() => sample.cleanup());

describe('openChildReader', () => {
  it('stops the workbook reader on a far-cell workbook at a 128 MB budget in seconds, then reads on', async () => {
    const reader = openChildReader({ memoryMb: 128, timeoutMs: 60_000 });
    try {
      const far = farCellWorkbook(mkdtempSync(path.join(tmpdir(), 'kpi-child-')));
      const hostile = await reader.read<Grid>(task('readWorkbook', far));
      expect(hostile).toMatchObject({ ok: false, reason: 'out_of_memory' });
      expect(hostile.ms).toBeLessThan(20_000);
      // A new child for the next file, then the same child, warm, for the one after.
      const cold = await reader.read<Grid>(task('readWorkbook', sample.returns[0]!.file));
      const warm = await reader.read<Grid>(task('readWorkbook', sample.returns[0]!.file));
      expect(cold.ok && warm.ok).toBe(true);
      expect(warm.ok && warm.value[0]!.rows).toBeGreaterThan(10);
      expect(warm.ms).toBeLessThan(cold.ms);
      console.log(
        `far-cell workbook: out of its 128 MB budget after ${hostile.ms} ms; a good return then ${cold.ms} ms (new child), ${warm.ms} ms (warm)`,
      );
    } finally {
      reader.close();
    }
  }, 40_000);

  it('ends a reader that exhausts its memory, one that throws and one that hangs, each with its reason', async () => {
    const readers = [1, 2, 3].map(() => openChildReader({ memoryMb: 64, timeoutMs: 5_000 }));
    try {
      const [memory, threw, hung] = await Promise.all([
        readers[0]!.read(task('exhaustMemory')),
        readers[1]!.read(task('fail', 'x.xlsx')),
        readers[2]!.read(task('hang')),
      ]);
      expect(memory).toMatchObject({
        ok: false,
        reason: 'out_of_memory',
        message: expect.stringContaining('64 MB'),
      });
      expect(threw).toMatchObject({ ok: false, reason: 'threw', message: 'cannot parse x.xlsx' });
      expect(hung).toMatchObject({ ok: false, reason: 'timeout' });
      expect(hung.ms).toBeLessThan(10_000);
      // Each reader goes on after its failure.
      const after = await Promise.all(
        readers.map((r) => r.read<Grid>(task('readWorkbook', sample.returns[0]!.file))),
      );
      expect(after.map((r) => r.ok)).toEqual([true, true, true]);
    } finally {
      readers.forEach((r) => r.close());
    }
  }, 40_000);
});
