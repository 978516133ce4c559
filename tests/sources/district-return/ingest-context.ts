/**
 * Test fixtures for district returns: an ingest context with a fixed clock, and a sample year
 * written to a fresh temp folder (only the months and districts a test needs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadConfig } from '../../../core/config.ts';
import {
  writeSampleYear,
  type SampleYear,
  type SampleYearOptions,
} from '../../../samples/write-sample-year.ts';
import type { IngestContext } from '../../../pipelines/ingest-file.ts';

/** After the sample year, so every month of 2022 is a valid report month. */
export const TEST_NOW = new Date('2023-01-10T09:00:00+08:00');

export function testContext(catalogue: Catalogue, runId = 'test-run', now = TEST_NOW): IngestContext {
  return { runId, now, catalogue, config: loadConfig({ cwd: tmpdir(), env: {} }) };
}

/** Write a (partial) sample year into a temp folder; `cleanup` removes it. */
export async function writeTempSample(
  catalogue: Catalogue,
  options: SampleYearOptions,
): Promise<SampleYear & { dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kpi-sample-'));
  const year = await writeSampleYear(dir, catalogue, options);
  return { ...year, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
