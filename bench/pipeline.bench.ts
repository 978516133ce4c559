/**
 * The demo's full year through the nightly pipeline (12 runs, 120 district workbooks), then a run
 * with nothing new in the inbox, which should cost next to nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { runDemo } from '../pipelines/run-demo.ts';
import { runPipeline } from '../pipelines/run-pipeline.ts';
import { createMemoryLog } from '../pipelines/run-log.ts';

const outDir = mkdtempSync(path.join(tmpdir(), 'kpi-bench-pipeline-'));
const started = performance.now();
const demo = await runDemo({ outDir, log: createMemoryLog() });
const demoMs = performance.now() - started;
const workbooks = demo.runs.reduce((n, r) => n + r.result.outcomes.length, 0);

const catalogue = await loadCatalogue({ extraTargetFiles: demo.config.target_files });
const rerunStart = performance.now();
await runPipeline({
  config: demo.config,
  catalogue,
  log: createMemoryLog(),
  now: () => new Date('2023-01-03T23:30:00+08:00'),
});
const rerunMs = performance.now() - rerunStart;

const perRun = demo.runs.map((r) => r.result);
process.stdout.write(
  `| measure | figure |\n| --- | --- |\n` +
    `| demo, full year (sample generation + 12 runs, ${workbooks} files, 12 bulletins × 3 formats) | ${(demoMs / 1000).toFixed(1)} s |\n` +
    `| per monthly run (average) | ${(demoMs / perRun.length / 1000).toFixed(2)} s |\n` +
    `| rerun the same evening with an empty inbox | ${(rerunMs / 1000).toFixed(2)} s |\n` +
    `| peak RSS | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB |\n`,
);
