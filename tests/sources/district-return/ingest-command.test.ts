import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { main } from '../../../cli/main.ts';
import type { FileOutcome } from '../../../core/file-outcome.ts';
import { withWarehouse } from '../../../warehouse/open-warehouse.ts';
import { writeTempSample } from './ingest-context.ts';

let sample: Awaited<ReturnType<typeof writeTempSample>>;
let dbDir: string;

beforeAll(async () => {
  sample = await writeTempSample(await loadCatalogue(), {
    months: [1, 2],
    districts: ['370202', '370212'],
    baseline: false,
  });
  dbDir = await mkdtemp(path.join(tmpdir(), 'kpi-db-'));
});
afterAll(async () => {
  await sample.cleanup();
  await rm(dbDir, { recursive: true, force: true });
});

async function kpi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const code = await main(['node', 'kpi', ...args], {
    stdout: sink((s) => (stdout += s)) as unknown as typeof process.stdout,
    stderr: sink((s) => (stderr += s)) as unknown as typeof process.stderr,
  });
  return { code, stdout, stderr };
}

describe('kpi ingest', () => {
  it('initialises a new warehouse, loads a folder in month order and prints the JSON outcomes', async () => {
    const db = path.join(dbDir, 'kpi.duckdb');
    const run = await kpi('--db', db, 'ingest', path.join(sample.dir, 'returns'), '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const outcomes = JSON.parse(run.stdout) as FileOutcome[];
    expect(outcomes.map((o) => [o.status, o.region, o.period])).toEqual([
      ['loaded', '370212', '2022-01'],
      ['loaded', '370202', '2022-01'],
      ['loaded', '370212', '2022-02'],
      ['loaded', '370202', '2022-02'],
    ]);
    // SPEC §10's keys, and (SPEC §8) what a resubmission replaced and what it kept.
    expect(Object.keys(outcomes[0]!).sort()).toEqual([
      'errors',
      'file',
      'kept',
      'period',
      'region',
      'replaced',
      'status',
      'warnings',
    ]);

    const again = await kpi('--db', db, 'ingest', path.join(sample.dir, 'returns'));
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').filter((l) => l.startsWith('unchanged'))).toHaveLength(4);

    const runs = await withWarehouse(db, { readOnly: true }, async ({ connection }) =>
      (
        await connection.runAndReadAll(
          `SELECT status, files_seen, files_loaded, files_rejected FROM pipeline_run ORDER BY started_at`,
        )
      ).getRowObjectsJson(),
    );
    expect(runs).toEqual([
      { status: 'completed', files_seen: 4, files_loaded: 4, files_rejected: 0 },
      { status: 'completed', files_seen: 4, files_loaded: 0, files_rejected: 0 },
    ]);
  });

  it('exits 1 when a file is rejected and 2 on a path that does not exist', async () => {
    const db = path.join(dbDir, 'rejects.duckdb');
    const broken = path.join(sample.brokenDir!, '市南区_人社重点指标完成情况.xlsx');
    const run = await kpi('--db', db, 'ingest', broken, '--json');
    expect(run.code).toBe(1);
    const [outcome] = JSON.parse(run.stdout) as FileOutcome[];
    expect(outcome!.status).toBe('rejected');
    expect(outcome!.errors[0]!.code).toBe('unknown_period');
    expect((await kpi('--db', db, 'ingest', path.join(dbDir, 'missing.xlsx'))).code).toBe(2);
  });
});
