/**
 * Issue 12 (2): a reader run by `readInChild` cannot take its caller down. A hostile workbook read
 * by the product's reader (exceljs and the sheet grid) under a small `--max-old-space-size` ends as `out_of_memory` in seconds; a throwing,
 * hanging or memory-hungry reader ends with its reason; the parent goes on reading other files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { readInChild } from '../../pipelines/read-in-child.ts';
import { writeTempSample } from '../district-return/ingest-context.ts';
import { farCellWorkbook } from './hostile-workbooks.ts';

const READERS = path.resolve('tests/safety/fixtures/readers.ts');
const reader = (exportName: string, ...args: unknown[]) => ({ module: READERS, exportName, args });
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

describe('readInChild', () => {
  it('stops the workbook reader on a far-cell workbook at a 128 MB budget in seconds, then reads a good return', async () => {
    const far = farCellWorkbook(mkdtempSync(path.join(tmpdir(), 'kpi-child-')));
    const hostile = await readInChild(reader('readWorkbook', far), { memoryMb: 128, timeoutMs: 60_000 });
    expect(hostile).toMatchObject({ ok: false, reason: 'out_of_memory' });
    expect(hostile.ms).toBeLessThan(20_000);
    console.log(
      `far-cell workbook under the workbook reader: out of its 128 MB budget after ${hostile.ms} ms`,
    );

    const good = await readInChild<Array<{ name: string; rows: number; columns: number }>>(
      reader('readWorkbook', sample.returns[0]!.file),
      { memoryMb: 128, timeoutMs: 60_000 },
    );
    expect(good.ok).toBe(true);
    expect(good.ok && good.value.length).toBeGreaterThan(0);
  }, 40_000);

  it('ends a reader that exhausts its memory, one that throws and one that hangs, each with its reason', async () => {
    const [memory, threw, hung] = await Promise.all([
      readInChild(reader('exhaustMemory'), { memoryMb: 64, timeoutMs: 30_000 }),
      readInChild(reader('fail', 'x.xlsx'), { memoryMb: 64, timeoutMs: 30_000 }),
      readInChild(reader('hang'), { memoryMb: 64, timeoutMs: 3_000 }),
    ]);
    expect(memory).toMatchObject({
      ok: false,
      reason: 'out_of_memory',
      message: expect.stringContaining('64 MB'),
    });
    expect(threw).toMatchObject({ ok: false, reason: 'threw', message: 'cannot parse x.xlsx' });
    expect(hung).toMatchObject({ ok: false, reason: 'timeout' });
    expect(hung.ms).toBeLessThan(10_000);
  }, 40_000);
});
