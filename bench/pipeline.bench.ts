/**
 * The nightly pipeline on the demo year: the whole `kpi demo` year (sample generation, 12 runs of
 * about 14 files, 12 bulletins × 4 formats), the median monthly run, then a run with one new return
 * (December's return of one district, resubmitted with new document properties, so a new file with
 * the same figures) and a rerun with an empty inbox. `KPI_BENCH_RUNS` rounds; medians. In process:
 * the CLI's own start (see cli-startup) comes on top of these.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { runDemo } from '../pipelines/run-demo.ts';
import { runPipeline } from '../pipelines/run-pipeline.ts';
import { createMemoryLog, type RunLog } from '../pipelines/run-log.ts';
import { median, RUNS, writeMeasures } from './measure.ts';

/** A quiet log that also times each run and step on the wall clock (the demo's clock stands still). */
function timingLog() {
  const runs: number[] = [];
  const steps = new Map<string, number[]>();
  let runStart = 0;
  let stepStart = 0;
  const log: RunLog = {
    emit(event) {
      const t = performance.now();
      if (event.event === 'run_started') runStart = t;
      if (event.event === 'run_finished') runs.push(t - runStart);
      if (event.event === 'step_started') stepStart = t;
      if (event.event === 'step_finished')
        steps.set(event.step, [...(steps.get(event.step) ?? []), t - stepStart]);
    },
    progress: () => ({ tick() {}, stop() {} }),
  };
  return { log, runs, steps };
}

const demoSeconds: number[] = [];
const monthSeconds: number[] = [];
const oneSeconds: number[] = [];
const emptySeconds: number[] = [];
let peakMiB = 0;
let stepTable = '';
for (let round = 0; round < RUNS; round++) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'kpi-bench-pipeline-'));
  try {
    const timing = timingLog();
    let started = performance.now();
    const demo = await runDemo({ outDir, log: timing.log });
    demoSeconds.push((performance.now() - started) / 1000);
    monthSeconds.push(median(timing.runs) / 1000);
    if (round === 0)
      stepTable = [...timing.steps]
        .map(([step, ms]) => `| ${step} | ${(median(ms) / 1000).toFixed(2)} s |`)
        .join('\n');

    const catalogue = await loadCatalogue({ extraTargetFiles: demo.config.target_files });
    // One district's December return, sent again as a new file with the same figures.
    const archived = readdirSync(demo.config.archive, { recursive: true, encoding: 'utf8' });
    const december = archived.find((f) => /2022年12月_.*\.xlsx$/.test(f))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(demo.config.archive, december));
    workbook.creator = 'resubmitted';
    await workbook.xlsx.writeFile(path.join(demo.config.inbox, path.basename(december)));
    started = performance.now();
    const one = await runPipeline({
      config: demo.config,
      catalogue,
      log: createMemoryLog(),
      now: () => new Date('2023-01-04T22:00:00+08:00'),
    });
    oneSeconds.push((performance.now() - started) / 1000);
    if (one.outcomes.length !== 1 || one.outcomes[0]!.status === 'rejected')
      throw new Error(`the resubmitted return was not accepted: ${JSON.stringify(one.outcomes)}`);

    started = performance.now();
    await runPipeline({
      config: demo.config,
      catalogue,
      log: createMemoryLog(),
      now: () => new Date('2023-01-04T23:30:00+08:00'),
    });
    emptySeconds.push((performance.now() - started) / 1000);
    peakMiB = Math.max(peakMiB, process.resourceUsage().maxRSS / 1024);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const s = (x: number) => `${x.toFixed(2)} s`;
process.stdout.write(
  `| measure (median of ${RUNS}) | figure |\n| --- | ---: |\n` +
    `| demo, full year (sample generation + 12 runs, 12 bulletins × 4 formats) | ${s(median(demoSeconds))} |\n` +
    `| monthly run (a month's returns and exports) | ${s(median(monthSeconds))} |\n` +
    `| run with one new return | ${s(median(oneSeconds))} |\n` +
    `| rerun with an empty inbox | ${s(median(emptySeconds))} |\n` +
    `| peak RSS | ${peakMiB.toFixed(0)} MiB |\n\n` +
    `Steps of a monthly run (median, first round):\n\n| step | time |\n| --- | ---: |\n${stepTable}\n`,
);
const how = `in process, median of ${RUNS}`;
writeMeasures([
  { name: 'kpi demo, whole year', value: median(demoSeconds), unit: 's', goal: 20, how },
  { name: "nightly run, a month's files", value: median(monthSeconds), unit: 's', goal: 2, how },
  { name: 'nightly run, one new return', value: median(oneSeconds), unit: 's', goal: 1, how },
  { name: 'nightly run, empty inbox', value: median(emptySeconds), unit: 's', goal: 0.1, how },
  { name: 'pipeline peak RSS', value: peakMiB, unit: 'MiB', how },
]);
