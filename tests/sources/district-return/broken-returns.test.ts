import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import type { BrokenReturn } from '../../../samples/write-broken-returns.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';
import { testContext, writeTempSample } from './ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;
let expected: BrokenReturn[];

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [], broken: true });
  expected = JSON.parse(await readFile(path.join(sample.brokenDir!, 'expected.json'), 'utf8'));
});
afterAll(() => sample.cleanup());

/** Everything a load may change, except the rejection record itself (its source_file row and findings). */
async function snapshot(w: TestWarehouse): Promise<unknown> {
  return {
    facts: await w.rows(`SELECT * EXCLUDE (fact_id) FROM fact_value ORDER BY ALL`),
    files: await w.rows(`SELECT * FROM source_file WHERE status <> 'rejected' ORDER BY ALL`),
    findings: await w.rows(
      `SELECT * FROM finding WHERE file_hash IN (SELECT file_hash FROM source_file WHERE status <> 'rejected') ORDER BY ALL`,
    ),
  };
}

describe('broken returns (SPEC §7 errors)', () => {
  it('has one broken return per error the SPEC lists', () => {
    expect(new Set(expected.map((e) => e.code))).toEqual(
      new Set([
        'unreadable_file',
        'unknown_region',
        'unknown_period',
        'period_mismatch',
        'non_numeric_value',
        'negative_value',
        'ytd_decreased',
        'month_ytd_mismatch',
        'numerator_above_denominator',
        'child_above_parent',
        'unknown_label',
      ]),
    );
  });

  it('rejects each with its reason, records the rejection, and loads nothing of it', async () => {
    for (const entry of expected) {
      await withTestWarehouse(async (w) => {
        const context = testContext(catalogue);
        if (entry.loadFirst) {
          const first = await ingestFile(
            w.connection,
            path.join(sample.brokenDir!, entry.loadFirst),
            context,
          );
          expect(first.status).toBe('loaded');
        }
        const before = await snapshot(w);
        const file = path.join(sample.brokenDir!, entry.file);
        const outcome = await ingestFile(w.connection, file, context);
        expect(outcome.status, entry.file).toBe('rejected');
        expect(
          outcome.errors.map((e) => e.code),
          entry.file,
        ).toContain(entry.code);
        expect(await snapshot(w), entry.file).toEqual(before);
        const [rejected] = await w.rows(
          `SELECT file_name, status FROM source_file WHERE status = 'rejected'`,
        );
        expect(rejected).toEqual({ file_name: entry.file, status: 'rejected' });
        const rules = await w.rows(`SELECT rule FROM finding WHERE severity = 'error'`);
        expect(rules.map((r) => r.rule)).toContain(entry.code);
      });
    }
  });

  it('names the unknown label, its cell and the nearest catalogue names', async () => {
    await withTestWarehouse(async (w) => {
      const entry = expected.find((e) => e.code === 'unknown_label')!;
      const outcome = await ingestFile(
        w.connection,
        path.join(sample.brokenDir!, entry.file),
        testContext(catalogue),
      );
      const finding = outcome.errors.find((e) => e.code === 'unknown_label')!;
      expect(finding.input).toBe('城镇新增就业岗位开发数');
      expect(finding.location).toMatchObject({ sheet: '月报', cell: 'B7' });
      expect(finding.message).toContain('城镇新增就业');
    });
  });
});
