/**
 * A 3,000,000-row 就业登记明细 export in GBK, ingested end to end (transcode, validate IDs, hash,
 * count distinct persons, load), against DuckDB's own read_csv aggregation of the same rows in
 * UTF-8, alternating in the same run (`KPI_BENCH_RUNS` rounds, medians); then the peak memory of
 * a 5,000,000-row export. Each ingest runs in its own process so its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { configSchema } from '../core/config.ts';
import { ingestFile } from '../pipelines/ingest-file.ts';
import { idCheckCharacter } from '../sources/system-export/id-number-sql.ts';
import { initWarehouse } from '../warehouse/init-warehouse.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { quoteLiteral } from '../warehouse/sql.ts';
import { median, RUNS, writeMeasures } from './measure.ts';

/** Rows of the export timed against DuckDB. */
const ROWS = Number(process.env.KPI_BENCH_ROWS ?? 3_000_000);
/** Rows of the export whose peak memory is measured: the first ROWS of them are the timed file. */
const BIG_ROWS = Math.max(ROWS, Number(process.env.KPI_BENCH_BIG_ROWS ?? 5_000_000));
const DISTRICTS = [
  '370202',
  '370203',
  '370211',
  '370212',
  '370213',
  '370214',
  '370215',
  '370281',
  '370283',
  '370285',
];
const TYPES = ['城镇新增就业', '失业人员再就业', '就业困难人员就业'];
const HEADER = '序号,姓名,公民身份号码,性别,登记日期,就业登记类型,经办机构,行政区划代码';

/** The timed export (GBK), its UTF-8 twin for DuckDB, and the big export (GBK), each in a folder. */
const FILES = {
  gbk: path.join('small', '就业登记明细2022.csv'),
  utf8: 'utf8.csv',
  big: path.join('big', '就业登记明细2022.csv'),
};

async function generate(dir: string): Promise<number> {
  const started = performance.now();
  mkdirSync(path.join(dir, 'small'));
  mkdirSync(path.join(dir, 'big'));
  const gbk = createWriteStream(path.join(dir, FILES.gbk));
  const utf8 = createWriteStream(path.join(dir, FILES.utf8));
  const big = createWriteStream(path.join(dir, FILES.big));
  let batch: string[] = [HEADER];
  let written = 0;
  const flush = async () => {
    const text = batch.join('\n') + '\n';
    const small = written < ROWS;
    written += batch.length;
    batch = [];
    const waits: Promise<unknown>[] = [];
    const encoded = iconv.encode(text, 'gbk');
    const write = (stream: typeof gbk, chunk: string | Buffer) => {
      if (!stream.write(chunk)) waits.push(new Promise((r) => stream.once('drain', r)));
    };
    if (small) {
      write(gbk, encoded);
      write(utf8, text);
    }
    write(big, encoded);
    await Promise.all(waits);
  };
  for (let i = 1; i <= BIG_ROWS; i++) {
    const region = DISTRICTS[i % 10]!;
    // About 4 registrations per person over the year: persons repeat.
    const person = Math.floor((i * 2654435761) % (ROWS / 4));
    const first17 = `${region}${1970 + (person % 35)}0${1 + (person % 9)}1${person % 10}${String(Math.floor(person / 350) % 1000).padStart(3, '0')}`;
    const month = 1 + (i % 12);
    batch.push(
      `${i},张某,${first17}${idCheckCharacter(first17)},男,2022-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${TYPES[i % 3]},${region}人社局,${region}`,
    );
    // Flush at ROWS too, so the timed files end exactly there.
    if (batch.length >= 100_000 || i === ROWS) await flush();
  }
  await flush();
  await Promise.all([gbk, utf8, big].map((s) => new Promise((r) => s.end(r))));
  return performance.now() - started;
}

async function ingest(dir: string, file: string): Promise<number> {
  const catalogue = await loadCatalogue();
  const config = { ...configSchema.parse({}), salt_file: path.join(dir, 'salt') };
  const db = path.join(dir, 'bench.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  // DuckDB's memory budget and private spill folder, as in `kpi run` and `kpi ingest`.
  const memory = {
    limitMb: config.limits.warehouse_memory_mb,
    spillDir: mkdtempSync(path.join(dir, 'spill-')),
  };
  return withWarehouse(db, { memory }, async ({ connection }) => {
    await initWarehouse(connection, catalogue);
    // Timed from here: the warehouse exists already on any real night.
    const started = performance.now();
    const outcome = await ingestFile(connection, path.join(dir, file), {
      runId: 'bench',
      // Tonight: a 2022 export is judged against its own year, not the wall clock's.
      now: new Date(),
      config,
      catalogue,
    });
    const ms = performance.now() - started;
    if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome.errors));
    await assertStored(connection);
    return ms;
  });
}

/**
 * The work timed was done: every registration type gives a count for each of the 12 months and 10
 * districts, and those counts add up to the persons kept (a bench that stores nothing fails).
 */
async function assertStored(connection: DuckDBConnection): Promise<void> {
  const [stored] = (
    await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM fact_value WHERE source_kind = 'export')::INTEGER AS facts,
              (SELECT sum(value) FROM fact_value WHERE source_kind = 'export')::BIGINT AS counted,
              (SELECT count(*) FROM person_seen)::BIGINT AS persons`,
    )
  ).getRowObjectsJson();
  const facts = 12 * DISTRICTS.length * TYPES.length;
  if (
    Number(stored!.facts) !== facts ||
    Number(stored!.counted) !== Number(stored!.persons) ||
    Number(stored!.persons) === 0
  )
    throw new Error(
      `the export stored ${JSON.stringify(stored)}; expected ${facts} facts counting every person kept`,
    );
}

async function raw(dir: string): Promise<number> {
  const started = performance.now();
  await withWarehouse(':memory:', {}, ({ connection }) =>
    connection.run(
      `CREATE TEMP TABLE counts AS
       SELECT 行政区划代码, date_trunc('month', CAST(登记日期 AS DATE)) AS period, 就业登记类型, count(DISTINCT 公民身份号码) AS persons
       FROM read_csv(${quoteLiteral(path.join(dir, FILES.utf8))}, header = true) GROUP BY ALL`,
    ),
  );
  return performance.now() - started;
}

const self = fileURLToPath(import.meta.url);
const [mode, dir] = process.argv.slice(2);
if (mode === 'generate' || mode === 'ingest' || mode === 'ingest-big' || mode === 'raw') {
  const steps = {
    generate,
    ingest: (d: string) => ingest(d, FILES.gbk),
    'ingest-big': (d: string) => ingest(d, FILES.big),
    raw,
  };
  const ms = await steps[mode](dir!);
  process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
} else {
  const work = mkdtempSync(path.join(tmpdir(), 'kpi-bench-export-'));
  const step = (name: string) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', self, name, work], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMiB: number };
  };
  try {
    step('generate');
    const bytes = statSync(path.join(work, FILES.gbk)).size;
    const ingests: number[] = [];
    const ingestRss: number[] = [];
    const ducks: number[] = [];
    const duckRss: number[] = [];
    const ratios: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const ingested = step('ingest');
      const duck = step('raw');
      ingests.push(ingested.ms);
      ingestRss.push(ingested.maxRssMiB);
      ducks.push(duck.ms);
      duckRss.push(duck.maxRssMiB);
      ratios.push(ingested.ms / duck.ms);
    }
    const bigRss: number[] = [];
    const bigMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const ingested = step('ingest-big');
      bigRss.push(ingested.maxRssMiB);
      bigMs.push(ingested.ms);
    }
    const rate = (ms: number, rows: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
    const row = (label: string, ms: number, rss: number, rows = ROWS) =>
      `| ${label} | ${(ms / 1000).toFixed(1)} s | ${rate(ms, rows)} | ${rss.toFixed(0)} MiB |\n`;
    process.stdout.write(
      `| ${ROWS.toLocaleString('en-US')} rows (${(bytes / 2 ** 20).toFixed(0)} MiB GBK), median of ${RUNS} | time | rows/s | peak RSS |\n| --- | ---: | ---: | ---: |\n` +
        row('kpi ingest, GBK end to end', median(ingests), median(ingestRss)) +
        row('DuckDB read_csv aggregation, UTF-8', median(ducks), median(duckRss)) +
        `| ratio (median of the runs' ratios) | ${median(ratios).toFixed(2)}× | | |\n` +
        row(
          `kpi ingest, ${BIG_ROWS.toLocaleString('en-US')} rows GBK`,
          median(bigMs),
          median(bigRss),
          BIG_ROWS,
        ),
    );
    writeMeasures([
      {
        name: `${ROWS / 1e6}M-row GBK export, kpi ingest ÷ DuckDB read_csv (UTF-8)`,
        value: median(ratios),
        unit: '×',
        goal: 1.5,
        how: `same aggregation, alternating processes; ${(median(ingests) / 1000).toFixed(1)} s vs ${(median(ducks) / 1000).toFixed(1)} s`,
      },
      {
        name: `${BIG_ROWS / 1e6}M-row GBK export, peak RSS of kpi ingest`,
        value: median(bigRss),
        unit: 'MiB',
        goal: 1024,
        how: `maxRSS of the ingesting process; ${(median(bigMs) / 1000).toFixed(1)} s`,
      },
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
