/**
 * A temporary deployment for pipeline tests: a config in a temp folder, and a few sample returns
 * (two districts, two months, from the sample-year generator) to drop into its inbox.
 */
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { loadConfig, type Config } from '../../pipelines/config.ts';
import { writeSampleYear } from '../../samples/write-sample-year.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';

export interface PipelineFixture {
  readonly dir: string;
  readonly configFile: string;
  readonly config: Config;
  readonly catalogue: Catalogue;
  /** Copy the sample returns of `month` (1 or 2) into the inbox; returns their inbox paths. */
  drop(month: number): Promise<string[]>;
  /** Write an arbitrary file into the inbox. */
  dropText(name: string, text: string): Promise<string>;
  /** Rows of a query against the published warehouse, opened read-only. */
  published(sql: string): Promise<Record<string, unknown>[]>;
  /** Files in a folder of the deployment (recursively, relative paths, sorted). */
  files(folder: string): Promise<string[]>;
}

let sampleDir: Promise<string> | null = null;

/** The sample returns, written once per test file. */
function sampleReturns(): Promise<string> {
  sampleDir ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kpi-sample-'));
    await writeSampleYear(dir, await loadCatalogue(), {
      months: [1, 2],
      districts: ['370202', '370203'],
      broken: false,
    });
    return path.join(dir, 'returns');
  })();
  return sampleDir;
}

/** A fresh deployment folder with `kpi.config.json`. */
export async function createPipelineFixture(): Promise<PipelineFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kpi-pipeline-'));
  const configFile = path.join(dir, 'kpi.config.json');
  await writeFile(configFile, JSON.stringify({ db: 'warehouse/kpi.duckdb', deadline_day: 5 }) + '\n');
  const config = loadConfig({ configPath: configFile, env: {} });
  const catalogue = await loadCatalogue();
  await mkdir(config.inbox, { recursive: true });
  return {
    dir,
    configFile,
    config,
    catalogue,
    async drop(month) {
      const returns = await sampleReturns();
      const names = (await readdir(returns)).filter((n) => n.startsWith(`2022年${month}月_`));
      for (const name of names) await copyFile(path.join(returns, name), path.join(config.inbox, name));
      return names.map((n) => path.join(config.inbox, n));
    },
    async dropText(name, text) {
      const file = path.join(config.inbox, name);
      await writeFile(file, text);
      return file;
    },
    published(sql) {
      return withWarehouse(config.db, { readOnly: true }, async (w) =>
        (await w.connection.runAndReadAll(sql)).getRowObjectsJS(),
      );
    },
    async files(folder) {
      const entries = await readdir(path.join(dir, folder), { recursive: true, withFileTypes: true }).catch(
        () => [],
      );
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(path.join(dir, folder), path.join(e.parentPath, e.name)))
        .sort();
    },
  };
}
