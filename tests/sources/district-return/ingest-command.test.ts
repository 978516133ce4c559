import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { main } from '../../../cli/main.ts';
import { countsAddUp, NO_COUNTS } from '../../../core/file-counts.ts';
import type { FileOutcome } from '../../../core/file-outcome.ts';
import { withWarehouse } from '../../../warehouse/open-warehouse.ts';
import { writeTempSample } from './ingest-context.ts';

/**
 * 崂山区's year workbook (34 indicator rows × 12 months and 累计: the months to come are blank) and
 * 市南区's bureau template (34 rows × 本月 and 累计, "—" under 本月 for levels), January and February.
 */
const EXPECTED_COUNTS = [
  { read: 442, stored: 57, not_reported: 385, left_out: {} },
  { read: 68, stored: 57, not_reported: 11, left_out: {} },
  { read: 442, stored: 91, not_reported: 351, left_out: {} },
  { read: 68, stored: 57, not_reported: 11, left_out: {} },
];

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
      'counts',
      'errors',
      'file',
      'kept',
      'notes',
      'period',
      'region',
      'replaced',
      'source',
      'status',
      'warnings',
    ]);
    expect(outcomes.map((o) => o.source)).toEqual(outcomes.map(() => 'return'));
    // Issue 22: every value cell accounted for, and `stored` is what the warehouse holds of the file.
    const facts = await withWarehouse(db, { readOnly: true }, async ({ connection }) =>
      (
        await connection.runAndReadAll(
          `SELECT s.file_name, count(f.fact_id)::INTEGER AS n FROM source_file s
           LEFT JOIN fact_value f USING (file_hash) GROUP BY ALL`,
        )
      ).getRowObjectsJson(),
    );
    const factsOf = new Map(facts.map((r) => [r.file_name, r.n]));
    for (const o of outcomes) {
      expect(countsAddUp(o.counts), o.file).toBe(true);
      expect(o.counts.stored, o.file).toBe(factsOf.get(path.basename(o.file)));
    }
    expect(outcomes.map((o) => o.counts)).toEqual(EXPECTED_COUNTS);

    const again = await kpi('--db', db, 'ingest', path.join(sample.dir, 'returns'));
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').filter((l) => l.startsWith('unchanged'))).toHaveLength(4);
    const unchanged = JSON.parse(
      (await kpi('--db', db, 'ingest', path.join(sample.dir, 'returns'), '--json')).stdout,
    );
    expect(unchanged.map((o: FileOutcome) => o.counts)).toEqual(Array(4).fill(NO_COUNTS));

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
    // Rejected whole: what would have been stored is left out as `rejected`.
    expect(outcome!.counts.stored).toBe(0);
    expect(outcome!.counts.left_out.rejected).toBeGreaterThan(0);
    expect(countsAddUp(outcome!.counts)).toBe(true);
    expect((await kpi('--db', db, 'ingest', path.join(dbDir, 'missing.xlsx'))).code).toBe(2);
  });
});
