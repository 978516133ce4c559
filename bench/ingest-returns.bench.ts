/**
 * Ingest the whole sample year (120 district workbooks) into a fresh warehouse as `kpi ingest` does
 * (`ingestFiles`: workbooks read ahead in the child process, fresh returns loaded together), against
 * the time exceljs alone takes to read the same files: `KPI_BENCH_RUNS` rounds alternating the two,
 * the median of the rounds' ratios. For reference, the same files one at a time in this process
 * (`ingestFile`, one transaction each). Prints a markdown table.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { loadConfig } from '../core/config.ts';
import { writeSampleYear } from '../samples/write-sample-year.ts';
import { checkDistrictReturn } from '../sources/district-return/check-district-return.ts';
import { parseDistrictReturn } from '../sources/district-return/parse-district-return.ts';
import { ingestFile } from '../pipelines/ingest-file.ts';
import { ingestFiles } from '../pipelines/ingest-files.ts';
import { createMemoryLog } from '../pipelines/run-log.ts';
import { initWarehouse } from '../warehouse/init-warehouse.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { median, RUNS, writeMeasures } from './measure.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'kpi-bench-'));
try {
  const catalogue = await loadCatalogue();
  const now = new Date('2023-01-10T09:00:00+08:00');
  let started = performance.now();
  const sample = await writeSampleYear(dir, catalogue, { broken: false });
  const generateMs = performance.now() - started;
  const files = [...sample.returns].sort((a, b) => a.month - b.month).map((r) => r.file);

  // Warm up exceljs and the parser (JIT) so neither measured pass pays for it.
  for (const file of files.slice(0, 12)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    checkDistrictReturn(parseDistrictReturn(workbook, file, catalogue, now), catalogue, new Map());
  }

  // exceljs alone: read the bytes and load the workbook.
  const readAll = async () => {
    const times: number[] = [];
    for (const file of files) {
      const t = performance.now();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
      times.push(performance.now() - t);
    }
    return times;
  };

  // exceljs + the parser and the file-level checks (no warehouse).
  const parseTimes: number[] = [];
  for (const file of files) {
    const t = performance.now();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    checkDistrictReturn(parseDistrictReturn(workbook, file, catalogue, now), catalogue, new Map());
    parseTimes.push(performance.now() - t);
  }

  // The whole load as `kpi ingest` does it: hash, read in the child, parse, check, load.
  let facts = 0;
  let rejected = 0;
  const ingestAll = async (round: number) => {
    rejected = 0;
    return withWarehouse(path.join(dir, `bench-${round}.duckdb`), {}, async ({ connection }) => {
      await initWarehouse(connection, catalogue);
      const context = { runId: 'bench', now, catalogue, config: loadConfig({ cwd: dir, env: {} }) };
      const started = performance.now();
      const outcomes = await ingestFiles(connection, files, {
        ...context,
        now: () => now,
        log: createMemoryLog(),
      });
      const ms = performance.now() - started;
      rejected = outcomes.filter((o) => o.status === 'rejected').length;
      const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM fact_value`);
      facts = reader.getRowObjectsJson()[0]!.n as number;
      return ms;
    });
  };
  // One at a time in this process, one transaction each.
  const oneByOne = await withWarehouse(path.join(dir, 'one-by-one.duckdb'), {}, async ({ connection }) => {
    await initWarehouse(connection, catalogue);
    const context = { runId: 'bench', now, catalogue, config: loadConfig({ cwd: dir, env: {} }) };
    const started = performance.now();
    for (const file of files) await ingestFile(connection, file, context);
    return performance.now() - started;
  });

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rounds: Array<{ rawTimes: number[]; ingestMs: number }> = [];
  for (let round = 0; round < RUNS; round++)
    rounds.push({ rawTimes: await readAll(), ingestMs: await ingestAll(round) });
  const ratios = rounds.map((r) => r.ingestMs / sum(r.rawTimes));
  // The round whose ratio is the median supplies the table's other figures.
  const { rawTimes, ingestMs: ingest } =
    rounds[ratios.indexOf([...ratios].sort((a, b) => a - b)[(RUNS - 1) >> 1]!)]!;
  const raw = sum(rawTimes);
  const parse = sum(parseTimes);
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const perFile = (x: number) => `${(x / files.length).toFixed(1)} ms`;
  const lines = [
    `Sample year: ${files.length} workbooks (generated in ${ms(generateMs)}), ${facts} facts loaded, ${rejected} rejected.`,
    '',
    '| step | total | per workbook | rows/s | × exceljs read |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| exceljs read only | ${ms(raw)} | ${perFile(raw)} | ${Math.round(facts / (raw / 1000))} | 1.00 |`,
    `| exceljs read + parse + checks (no DB) | ${ms(parse)} | ${perFile(parse)} | ${Math.round(facts / (parse / 1000))} | ${(parse / raw).toFixed(2)} |`,
    `| full ingest as \`kpi ingest\` does it (child reader, read ahead, fresh returns loaded together) | ${ms(ingest)} | ${perFile(ingest)} | ${Math.round(facts / (ingest / 1000))} | ${(ingest / raw).toFixed(2)} |`,
    `| one file at a time in this process, a transaction each (reference) | ${ms(oneByOne)} | ${perFile(oneByOne)} | ${Math.round(facts / (oneByOne / 1000))} | ${(oneByOne / raw).toFixed(2)} |`,
    '',
    `Ratio per round: ${ratios.map((x) => x.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}. The full ingest includes starting the reader's child process.`,
    '',
    `Node ${process.version}, ${process.platform}/${process.arch}.`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  writeMeasures([
    {
      name: '120 district returns, full ingest ÷ exceljs read',
      value: median(ratios),
      unit: '×',
      goal: 2,
      how: `alternating in one process, median of ${RUNS} rounds`,
    },
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
