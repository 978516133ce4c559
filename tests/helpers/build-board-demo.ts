/**
 * A demo warehouse for the board's browser tests: the demo's January–September through the nightly
 * pipeline, then an October in which one district's return is rejected, one arrives after the
 * deadline and one never arrives — so every status the board colours is in the published file.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import type { Config } from '../../core/config.ts';
import { runDemo } from '../../pipelines/run-demo.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { runPipeline } from '../../pipelines/run-pipeline.ts';
import { writeSampleYear } from '../../samples/write-sample-year.ts';

/** What the board's tests need to know about the demo they run on. */
export interface BoardDemo {
  readonly config: Config;
  /** 市南区: October's only return was rejected (a negative count). */
  readonly rejectedRegion: string;
  /** 平度市: October's return arrived after the deadline. */
  readonly lateRegion: string;
  /** 莱西市: no October return. */
  readonly missingRegion: string;
}

/** Build the demo under `dir` (about a minute of CPU). */
export async function buildBoardDemo(dir: string): Promise<BoardDemo> {
  const log = createMemoryLog();
  const demo = await runDemo({ outDir: dir, log, months: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
  const { config } = demo;
  const catalogue = await loadCatalogue({ extraTargetFiles: config.target_files });
  // The same deterministic sample year, October only.
  const october = await writeSampleYear(path.join(dir, 'october'), await loadCatalogue(), {
    months: [10],
    baseline: false,
  });
  const rejectedRegion = '370202';
  const lateRegion = '370283';
  const missingRegion = '370285';
  const drop = (file: string) => {
    mkdirSync(config.inbox, { recursive: true });
    copyFileSync(file, path.join(config.inbox, path.basename(file)));
  };

  const exportsDir = path.join(dir, 'sample', 'exports');
  for (const name of readdirSync(exportsDir).filter((n) => n.includes('202210')))
    drop(path.join(exportsDir, name));
  for (const r of october.returns)
    if (r.month === 10 && ![rejectedRegion, lateRegion, missingRegion].includes(r.regionCode)) drop(r.file);
  drop(path.join(october.brokenDir!, '2022年10月_市南区_人社重点指标完成情况_负数.xlsx'));
  await runPipeline({ config, catalogue, log, now: () => new Date('2022-11-03T22:00:00+08:00') });

  for (const r of october.returns) if (r.month === 10 && r.regionCode === lateRegion) drop(r.file);
  await runPipeline({ config, catalogue, log, now: () => new Date('2022-11-08T22:00:00+08:00') });
  return { config, rejectedRegion, lateRegion, missingRegion };
}
