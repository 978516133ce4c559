/**
 * A province on one machine: the Shandong sample (153 regions as catalogue data, 30,000,000
 * registrations a year in twelve GBK exports; `KPI_BENCH_PROVINCE_ROWS` to change) loaded month by
 * month, then a nightly run that brings December's export (ingest, checks, publish, bulletin), a
 * bulletin on its own, and the partitioned Parquet export read back by DuckDB as an outside engine
 * would. Each step in its own process, so each peak RSS is its own. Slow (minutes): `npm run bench`
 * runs it only when named, `npm run bench -- province`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { loadConfig } from '../core/config.ts';
import { runPipeline } from '../pipelines/run-pipeline.ts';
import { createMemoryLog } from '../pipelines/run-log.ts';
import { exportPartitionedParquet } from '../warehouse/export/export-partitioned-parquet.ts';
import { writeReport } from '../reports/write-report.ts';
import { writeProvinceSample } from '../samples/write-province-sample.ts';
import { ingestFile } from '../pipelines/ingest-file.ts';
import { initWarehouse } from '../warehouse/init-warehouse.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { quoteLiteral } from '../warehouse/sql.ts';
import { writeMeasures } from './measure.ts';

const ROWS = Number(process.env.KPI_BENCH_PROVINCE_ROWS ?? 30_000_000);

const exportFile = (dir: string, month: number) =>
  path.join(dir, 'exports', `就业登记明细2022${String(month).padStart(2, '0')}.csv`);

async function context(dir: string) {
  const config = loadConfig({ configPath: path.join(dir, 'kpi.config.json'), env: {} });
  const catalogue = await loadCatalogue({ dir: config.catalogue_dir });
  return { config, catalogue };
}

const steps: Record<string, (dir: string) => Promise<string>> = {
  async generate(dir) {
    const sample = await writeProvinceSample(dir, await loadCatalogue(), { rows: ROWS });
    return `${sample.regions} regions, ${sample.rows} rows`;
  },
  /** January to November, one file after another, as a province's first load. */
  async ingest(dir) {
    const { config, catalogue } = await context(dir);
    return withWarehouse(config.db, {}, async ({ connection }) => {
      await initWarehouse(connection, catalogue);
      for (let month = 1; month <= 11; month++) {
        const outcome = await ingestFile(connection, exportFile(dir, month), {
          runId: `province-${month}`,
          now: new Date('2022-12-03T22:00:00+08:00'),
          config,
          catalogue,
        });
        if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome.errors));
      }
      await connection.run('CHECKPOINT');
      return '11 files';
    });
  },
  /** December's export arrives: the whole nightly run, bulletin included. */
  async nightly(dir) {
    const { config, catalogue } = await context(dir);
    mkdirSync(config.inbox, { recursive: true });
    copyFileSync(exportFile(dir, 12), path.join(config.inbox, path.basename(exportFile(dir, 12))));
    const result = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: () => new Date('2023-01-03T22:00:00+08:00'),
    });
    if (result.status !== 'completed' || result.outcomes[0]?.status !== 'loaded')
      throw new Error(JSON.stringify(result));
    return `${result.reports.length} report files`;
  },
  async bulletin(dir) {
    const { config } = await context(dir);
    const files = await withWarehouse(config.db, { readOnly: true }, (w) =>
      writeReport(w.connection, {
        period: '2022-12',
        formats: ['md', 'html', 'xlsx'],
        outDir: path.join(dir, 'bulletin'),
      }),
    );
    return `${files.length} files`;
  },
  async parquet(dir) {
    const { config } = await context(dir);
    const tables = await withWarehouse(config.db, { readOnly: true }, (w) =>
      exportPartitionedParquet(w.connection, { outDir: path.join(dir, 'lake') }),
    );
    return tables.map((t) => `${t.table} ${t.files} files`).join(', ');
  },
  /** An outside engine's view: DuckDB reading the lake, a province total by month. */
  async 'read-lake'(dir) {
    return withWarehouse(':memory:', {}, async ({ connection }) => {
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS months FROM (
           SELECT year, month, sum(month_value) FROM read_parquet(${quoteLiteral(path.join(dir, 'lake', 'observation', '**', '*.parquet'))}, hive_partitioning = true)
           WHERE indicator_code = 'urban_new_jobs' AND region_code LIKE '37%' GROUP BY ALL)`,
      );
      return `${reader.getRowObjectsJson()[0]!.months} months`;
    });
  },
};

const self = fileURLToPath(import.meta.url);
const [mode, dir] = process.argv.slice(2);
if (mode && dir) {
  const started = performance.now();
  const note = await steps[mode]!(dir);
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - started,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      note,
    }) + '\n',
  );
} else {
  const work = mkdtempSync(path.join(tmpdir(), 'kpi-bench-province-'));
  try {
    const rows: string[] = [];
    const measured: Record<string, { ms: number; maxRssMiB: number }> = {};
    for (const name of Object.keys(steps)) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', self, name, work], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
      const m = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
        ms: number;
        maxRssMiB: number;
        note: string;
      };
      measured[name] = m;
      rows.push(`| ${name} | ${(m.ms / 1000).toFixed(1)} s | ${m.maxRssMiB.toFixed(0)} MiB | ${m.note} |`);
      process.stderr.write(`province: ${name} ${(m.ms / 1000).toFixed(1)} s\n`);
    }
    process.stdout.write(
      `${ROWS.toLocaleString('en-US')} registrations a year, 153 regions\n\n| step | time | peak RSS | |\n| --- | ---: | ---: | --- |\n${rows.join('\n')}\n`,
    );
    const how = `${ROWS / 1e6}M rows a year, one run`;
    writeMeasures([
      { name: 'province: load Jan–Nov exports', value: measured.ingest!.ms / 1000, unit: 's', how },
      { name: 'province: load peak RSS', value: measured.ingest!.maxRssMiB, unit: 'MiB', how },
      {
        name: "province: nightly run with a month's export",
        value: measured.nightly!.ms / 1000,
        unit: 's',
        how,
      },
      { name: 'province: nightly run peak RSS', value: measured.nightly!.maxRssMiB, unit: 'MiB', how },
      { name: 'province: bulletin', value: measured.bulletin!.ms / 1000, unit: 's', how },
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
