/**
 * `kpi demo`: writes the sample year, then plays it through the nightly pipeline month by month —
 * each month's returns and system exports dropped in the inbox and a run on the 3rd of the following month — so the
 * warehouse, the archive and twelve bulletins end up in one folder, as they would after a year.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { writeSampleExports } from '../samples/write-sample-exports.ts';
import { writeSampleYear } from '../samples/write-sample-year.ts';
import { configSchema, type Config } from '../core/config.ts';
import { warehouseSaltFile } from '../core/warehouse-salt-file.ts';
import { runPipeline, type RunResult } from './run-pipeline.ts';
import type { RunLog } from './run-log.ts';

const MARKER = '.kpi-demo';

/** One month of the demo: the month played, what its run did and how long it took. */
export interface DemoMonth {
  readonly month: string;
  readonly result: RunResult;
  /** Files dropped into the inbox for this month. */
  readonly files: number;
  readonly seconds: number;
}

export interface DemoResult {
  readonly config: Config;
  readonly runs: readonly DemoMonth[];
  readonly brokenDir: string | null;
}

/** Build the demo in `outDir` (a folder the demo made before is rebuilt; any other non-empty folder is refused). */
export async function runDemo(options: {
  outDir: string;
  log: RunLog;
  months?: readonly number[];
  /** Told of each month as soon as its run ends, so the demo can say what it does as it goes. */
  onMonth?: (month: DemoMonth) => void;
}): Promise<DemoResult> {
  const outDir = path.resolve(options.outDir);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(path.join(outDir, MARKER)))
      throw new Error(
        `${outDir} is not empty and was not made by kpi demo; choose another folder with --out`,
      );
    for (const entry of readdirSync(outDir))
      rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, MARKER), 'made by kpi demo; rebuilt on each run\n');

  const months = options.months ?? Array.from({ length: 12 }, (_, i) => i + 1);
  const bundled = await loadCatalogue();
  const sample = await writeSampleYear(path.join(outDir, 'sample'), bundled, { months });
  const exports = await writeSampleExports(path.join(outDir, 'sample', 'exports'), bundled);
  const config: Config = {
    ...configSchema.parse({}),
    db: path.join(outDir, 'kpi.duckdb'),
    inbox: path.join(outDir, 'inbox'),
    archive: path.join(outDir, 'archive'),
    rejected: path.join(outDir, 'rejected'),
    reports: path.join(outDir, 'reports'),
    salt_file: warehouseSaltFile(path.join(outDir, 'kpi.duckdb')),
    target_files: [sample.targetsFile, sample.provinceTargetsFile],
  };
  writeFileSync(
    path.join(outDir, 'kpi.config.json'),
    JSON.stringify(
      { db: 'kpi.duckdb', target_files: ['sample/district-targets.json', 'sample/province-targets.json'] },
      null,
      2,
    ) + '\n',
  );
  const catalogue = await loadCatalogue({ extraTargetFiles: config.target_files });

  const runs: DemoMonth[] = [];
  for (const month of months) {
    mkdirSync(config.inbox, { recursive: true });
    // The previous December's returns (stock levels, 2021 flow totals) arrive with the first month.
    const arriving = [
      ...(month === months[0] ? sample.baseline : []),
      ...[...sample.returns, ...exports].filter((r) => r.month === month),
    ];
    for (const r of arriving) copyFileSync(r.file, path.join(config.inbox, path.basename(r.file)));
    const year = sample.truth.year + (month === 12 ? 1 : 0);
    const runAt = new Date(`${year}-${String((month % 12) + 1).padStart(2, '0')}-03T22:00:00+08:00`);
    const started = performance.now();
    const result = await runPipeline({ config, catalogue, log: options.log, now: () => runAt });
    const played: DemoMonth = {
      month: `${sample.truth.year}-${String(month).padStart(2, '0')}`,
      result,
      files: arriving.length,
      seconds: (performance.now() - started) / 1000,
    };
    runs.push(played);
    options.onMonth?.(played);
  }
  return { config, runs, brokenDir: sample.brokenDir };
}
