/**
 * `npm run bench`: runs every `bench/*.bench.ts` one after another, each in its own process (so
 * peak memory is per benchmark), shows their own reports, and ends with one table of every
 * measure (medians of `KPI_BENCH_RUNS` runs, default 3) against its goal. `npm run bench -- <name>`
 * runs the benchmarks whose file name contains a name (`*.slow.bench.ts` run only when named). Exit 1 when a benchmark fails; a missed
 * goal is a figure in the table, not a failure.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MEASURES_PREFIX, RUNS, type Measure } from './measure.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  // `*.slow.bench.ts` (minutes long) run only when named.
  .filter((f) => (only.length === 0 ? !f.endsWith('.slow.bench.ts') : only.some((name) => f.includes(name))))
  .sort();

/** Run one benchmark, echoing its output, and resolve to its measures (null when it failed). */
function runBench(bench: string): Promise<Measure[] | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(dir, bench)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let measures: Measure[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(MEASURES_PREFIX)) measures = JSON.parse(line.slice(MEASURES_PREFIX.length));
      else process.stdout.write(`${line}\n`);
    });
    child.on('close', (code) => resolve(code === 0 ? measures : null));
  });
}

const format = (m: Measure, value: number) =>
  m.unit === 'MiB'
    ? `${value.toFixed(0)} MiB`
    : m.unit === 's'
      ? `${value.toFixed(2)} s`
      : `${value.toFixed(2)}×`;

const rows: string[] = [];
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n## ${bench}\n\n`);
  const measures = await runBench(bench);
  if (measures === null) {
    failed++;
    rows.push(`| ${bench} | failed | | | |`);
    continue;
  }
  for (const m of measures)
    rows.push(
      `| ${m.name} | ${format(m, m.value)} | ${m.goal === undefined ? '' : `≤ ${format(m, m.goal)}`} | ` +
        `${m.goal === undefined ? '' : m.value <= m.goal ? 'met' : 'not met'} | ${m.how ?? ''} |`,
    );
}
process.stdout.write(
  `\n## Summary (median of ${RUNS} runs)\n\n| measure | median | goal | | how |\n| --- | ---: | ---: | --- | --- |\n` +
    rows.join('\n') +
    '\n',
);
process.exitCode = failed === 0 ? 0 : 1;
