/**
 * How fast the `kpi` command starts: `kpi --help` and `kpi query "select 1"` on an initialised
 * warehouse, as process wall time, beside a bare `node -e 0` measured in the same rounds (the
 * floor on this machine). Builds dist/ first, as `npm install` does, so `cli/kpi.js` runs the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, RUNS, timeCommand, writeMeasures } from './measure.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kpi = path.join(root, 'cli/kpi.js');
const node = process.execPath;
const work = mkdtempSync(path.join(tmpdir(), 'kpi-bench-cli-'));
try {
  timeCommand(node, [path.join(root, 'scripts/build.js')]);
  const db = path.join(work, 'kpi.duckdb');
  timeCommand(node, [kpi, 'init', '--db', db], { cwd: work });
  // Several rounds of each, interleaved, so a busy moment on the machine hits all three alike.
  const rounds = Math.max(5, RUNS);
  const bare: number[] = [];
  const help: number[] = [];
  const query: number[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(timeCommand(node, ['-e', '0'], { cwd: work }));
    help.push(timeCommand(node, [kpi, '--help'], { cwd: work }));
    query.push(timeCommand(node, [kpi, 'query', '--db', db, 'select 1'], { cwd: work }));
  }
  const s = (x: number) => `${x.toFixed(2)} s`;
  process.stdout.write(
    `| command (median of ${rounds}) | wall time |\n| --- | ---: |\n` +
      `| node -e 0 (the floor) | ${s(median(bare))} |\n` +
      `| kpi --help | ${s(median(help))} |\n` +
      `| kpi query "select 1" | ${s(median(query))} |\n`,
  );
  const how = `process wall time, median of ${rounds}; node -e 0 took ${s(median(bare))}`;
  writeMeasures([
    { name: 'kpi --help', value: median(help), unit: 's', goal: 0.3, how },
    { name: 'kpi query "select 1"', value: median(query), unit: 's', goal: 0.6, how },
  ]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
