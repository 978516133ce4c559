/**
 * A 5,000,000-row 就业登记明细 export in GBK, ingested end to end (transcode, validate IDs, hash,
 * count distinct persons, load), against DuckDB's own read_csv aggregation of the same rows in
 * UTF-8, in the same run. Each side runs in its own process so its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { configSchema } from '../core/config.ts';
import { ingestFile } from '../pipelines/ingest-file.ts';
import { idCheckCharacter } from '../sources/system-export/id-number-sql.ts';
import { initWarehouse } from '../warehouse/init-warehouse.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { quoteLiteral } from '../warehouse/sql.ts';

const ROWS = Number(process.env.KPI_BENCH_ROWS ?? 5_000_000);
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

async function generate(dir: string): Promise<number> {
  const started = performance.now();
  const gbk = createWriteStream(path.join(dir, '就业登记明细2022.csv'));
  const utf8 = createWriteStream(path.join(dir, 'utf8.csv'));
  let batch: string[] = [HEADER];
  const flush = async () => {
    const text = batch.join('\n') + '\n';
    batch = [];
    const waits: Promise<unknown>[] = [];
    if (!gbk.write(iconv.encode(text, 'gbk'))) waits.push(new Promise((r) => gbk.once('drain', r)));
    if (!utf8.write(text)) waits.push(new Promise((r) => utf8.once('drain', r)));
    await Promise.all(waits);
  };
  for (let i = 1; i <= ROWS; i++) {
    const region = DISTRICTS[i % 10]!;
    // About 4 registrations per person over the year: persons repeat.
    const person = Math.floor((i * 2654435761) % (ROWS / 4));
    const first17 = `${region}${1970 + (person % 35)}0${1 + (person % 9)}1${person % 10}${String(Math.floor(person / 350) % 1000).padStart(3, '0')}`;
    const month = 1 + (i % 12);
    batch.push(
      `${i},张某,${first17}${idCheckCharacter(first17)},男,2022-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${TYPES[i % 3]},${region}人社局,${region}`,
    );
    if (batch.length >= 100_000) await flush();
  }
  await flush();
  await Promise.all([new Promise((r) => gbk.end(r)), new Promise((r) => utf8.end(r))]);
  return performance.now() - started;
}

async function ingest(dir: string): Promise<number> {
  const catalogue = await loadCatalogue();
  const config = { ...configSchema.parse({}), salt_file: path.join(dir, 'salt') };
  return withWarehouse(path.join(dir, 'bench.duckdb'), {}, async ({ connection }) => {
    await initWarehouse(connection, catalogue);
    // Timed from here: the warehouse exists already on any real night.
    const started = performance.now();
    const outcome = await ingestFile(connection, path.join(dir, '就业登记明细2022.csv'), {
      runId: 'bench',
      now: new Date(),
      config,
      catalogue,
    });
    if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome.errors));
    return performance.now() - started;
  });
}

async function raw(dir: string): Promise<number> {
  const started = performance.now();
  await withWarehouse(':memory:', {}, ({ connection }) =>
    connection.run(
      `CREATE TEMP TABLE counts AS
       SELECT 行政区划代码, date_trunc('month', CAST(登记日期 AS DATE)) AS period, 就业登记类型, count(DISTINCT 公民身份号码) AS persons
       FROM read_csv(${quoteLiteral(path.join(dir, 'utf8.csv'))}, header = true) GROUP BY ALL`,
    ),
  );
  return performance.now() - started;
}

const self = fileURLToPath(import.meta.url);
const [mode, dir] = process.argv.slice(2);
if (mode === 'generate' || mode === 'ingest' || mode === 'raw') {
  const started = performance.now();
  await { generate, ingest, raw }[mode](dir!);
  process.stdout.write(
    JSON.stringify({ ms: performance.now() - started, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) +
      '\n',
  );
} else {
  const work = mkdtempSync(path.join(tmpdir(), 'kpi-bench-export-'));
  const step = (name: string) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', self, name, work], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMiB: number };
  };
  try {
    step('generate');
    const bytes = statSync(path.join(work, '就业登记明细2022.csv')).size;
    const ingested = step('ingest');
    const duck = step('raw');
    const rate = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString('en-US');
    process.stdout.write(
      `| ${ROWS.toLocaleString('en-US')} rows (${(bytes / 2 ** 20).toFixed(0)} MiB GBK) | time | rows/s | peak RSS |\n| --- | --- | --- | --- |\n` +
        `| kpi ingest, GBK end to end | ${(ingested.ms / 1000).toFixed(1)} s | ${rate(ingested.ms)} | ${ingested.maxRssMiB.toFixed(0)} MiB |\n` +
        `| DuckDB read_csv aggregation, UTF-8 | ${(duck.ms / 1000).toFixed(1)} s | ${rate(duck.ms)} | ${duck.maxRssMiB.toFixed(0)} MiB |\n` +
        `| ratio | ${(ingested.ms / duck.ms).toFixed(2)}× | | |\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
