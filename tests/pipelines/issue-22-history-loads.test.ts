// @module-tag sample-year
/**
 * Issue 22, "done when": a year of history loaded today publishes the same figures as when it was
 * loaded the month after. The sample's 2022 returns and system exports are ingested twice, once on a
 * 2023 clock and once on today's, and the published observations and completion must be identical,
 * every file stored something, and every file's counts add up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { loadConfig } from '../../core/config.ts';
import { countsAddUp } from '../../core/file-counts.ts';
import type { FileOutcome } from '../../core/file-outcome.ts';
import { ingestPaths } from '../../pipelines/ingest-paths.ts';
import { writeSampleExports } from '../../samples/write-sample-exports.ts';
import { writeSampleYear } from '../../samples/write-sample-year.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';

const MONTHS = [1, 2, 3];

describe('a 2022 year loaded today (issue 22)', () => {
  let dir: string;
  let catalogue: Catalogue;
  let files: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kpi-history-'));
    const bundled = await loadCatalogue();
    const sample = await writeSampleYear(path.join(dir, 'sample'), bundled, {
      months: MONTHS,
      broken: false,
    });
    const exports = await writeSampleExports(path.join(dir, 'sample', 'exports'), bundled);
    catalogue = await loadCatalogue({ extraTargetFiles: [sample.targetsFile, sample.provinceTargetsFile] });
    files = [
      ...sample.baseline.map((r) => r.file),
      ...sample.returns.map((r) => r.file),
      ...exports.filter((e) => MONTHS.includes(e.month)).map((e) => e.file),
    ];
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function loadOn(now: Date, name: string) {
    const config = { ...loadConfig({ cwd: dir, env: {} }), db: path.join(dir, `${name}.duckdb`) };
    const outcomes = await ingestPaths({ files, config, catalogue, now: () => now });
    const published = await withWarehouse(config.db, { readOnly: true }, async ({ connection }) => {
      const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
      return {
        observation: await read(
          `SELECT indicator_code, region_code, strftime(period, '%Y-%m') AS period, ytd_value::VARCHAR AS ytd,
                  month_value::VARCHAR AS month FROM observation ORDER BY ALL`,
        ),
        completion: await read(
          `SELECT indicator_code, region_code, strftime(period, '%Y-%m') AS period, start_year, end_year,
                  actual::VARCHAR AS actual, completion_pct::VARCHAR AS pct FROM completion ORDER BY ALL`,
        ),
      };
    });
    return { outcomes, published };
  }

  it('publishes the same figures on today’s clock as on 2023’s, and stores something of every file', async () => {
    const then = await loadOn(new Date('2023-04-10T09:00:00+08:00'), 'then');
    const today = await loadOn(new Date(), 'today');
    const summary = (outcomes: readonly FileOutcome[]) =>
      outcomes.map((o) => `${path.basename(o.file)} ${o.status} ${o.counts.stored > 0}`);
    expect(summary(today.outcomes)).toEqual(summary(then.outcomes));
    for (const o of today.outcomes) {
      expect(o.status, `${o.file}: ${JSON.stringify(o.errors)}`).toBe('loaded');
      expect(o.counts.stored, o.file).toBeGreaterThan(0);
      expect(countsAddUp(o.counts), o.file).toBe(true);
      expect(o.counts.left_out.date_out_of_window ?? 0, o.file).toBe(0);
    }
    // Every system's figures are there, for every month loaded.
    const periods = new Set(today.published.observation.map((r) => r.period));
    expect([...periods].filter((p) => String(p).startsWith('2022')).sort()).toEqual([
      '2022-01',
      '2022-02',
      '2022-03',
    ]);
    expect(today.published.observation.length).toBeGreaterThan(500);
    expect(today.published.observation).toEqual(then.published.observation);
    expect(today.published.completion).toEqual(then.published.completion);
  });
});
