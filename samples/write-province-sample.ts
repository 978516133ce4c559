/**
 * A province-sized sample (Shandong: 16 cities, 136 county-level regions) for the scale benchmark:
 * a catalogue folder whose `regions.json` is the province (regions are data, SPEC §2; indicators
 * and targets are the bundled ones), a `kpi.config.json` naming it, and a year of 就业登记明细
 * exports in GBK, one file per month, `rows` registrations in all (default 30,000,000), about
 * 2.5 registrations per person, every ID with a valid check digit. Deterministic: same rows, same bytes.
 */
import { copyFileSync, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { BUNDLED_CATALOGUE_DIR, loadCatalogue } from '../catalogue/load-catalogue.ts';
import { idCheckCharacter } from '../sources/system-export/id-number-sql.ts';
import { provinceRegions } from './province-regions.ts';

const HEADER = '序号,姓名,公民身份号码,性别,登记日期,就业登记类型,经办机构,行政区划代码';
const TYPES = ['城镇新增就业', '城镇新增就业', '失业人员再就业', '就业困难人员就业'];

export interface ProvinceSample {
  readonly configFile: string;
  readonly catalogueDir: string;
  /** The monthly exports, January first. */
  readonly exports: readonly string[];
  readonly regions: number;
  readonly rows: number;
}

/** Write the province sample under `outDir` (`catalogue/`, `kpi.config.json`, `exports/`). */
export async function writeProvinceSample(
  outDir: string,
  catalogue: Catalogue,
  options: { rows?: number; year?: number } = {},
): Promise<ProvinceSample> {
  const rows = options.rows ?? 30_000_000;
  const year = options.year ?? 2022;
  const catalogueDir = path.join(outDir, 'catalogue');
  mkdirSync(catalogueDir, { recursive: true });
  for (const file of ['indicators.json', 'targets.json'])
    copyFileSync(path.join(BUNDLED_CATALOGUE_DIR, file), path.join(catalogueDir, file));
  const regions = provinceRegions(catalogue);
  writeFileSync(path.join(catalogueDir, 'regions.json'), JSON.stringify({ regions }, null, 1) + '\n');
  const configFile = path.join(outDir, 'kpi.config.json');
  writeFileSync(configFile, JSON.stringify({ db: 'kpi.duckdb', catalogue_dir: 'catalogue' }, null, 2) + '\n');

  const counties = regions.filter((r) => r.level === 'district').map((r) => r.code);
  const persons = Math.max(1, Math.floor(rows / 2.5));
  const exportsDir = path.join(outDir, 'exports');
  mkdirSync(exportsDir, { recursive: true });
  const exports: string[] = [];
  let serial = 0;
  for (let month = 1; month <= 12; month++) {
    const file = path.join(exportsDir, `就业登记明细${year}${String(month).padStart(2, '0')}.csv`);
    exports.push(file);
    const out = createWriteStream(file);
    const monthRows = Math.floor((rows * month) / 12) - Math.floor((rows * (month - 1)) / 12);
    const mm = String(month).padStart(2, '0');
    let batch: string[] = [HEADER];
    const flush = async () => {
      if (!out.write(iconv.encode(batch.join('\n') + '\n', 'gbk')))
        await new Promise((r) => out.once('drain', r));
      batch = [];
    };
    for (let i = 0; i < monthRows; i++) {
      serial++;
      // A fixed pseudo-random person per registration (Knuth's multiplicative hash): persons repeat.
      const person = Math.floor((serial * 2654435761) % persons);
      const county = counties[person % counties.length]!;
      const first17 = `${county}${1962 + (person % 42)}${String(1 + (person % 12)).padStart(2, '0')}${String(1 + (person % 28)).padStart(2, '0')}${String(Math.floor(person / counties.length) % 1000).padStart(3, '0')}`;
      const day = String(1 + (serial % 28)).padStart(2, '0');
      batch.push(
        `${i + 1},张某,${first17}${idCheckCharacter(first17)},${person % 2 ? '男' : '女'},${year}-${mm}-${day},${TYPES[serial % TYPES.length]},${county}人社局,${county}`,
      );
      if (batch.length >= 100_000) await flush();
    }
    await flush();
    await new Promise((r) => out.end(r));
  }
  return { configFile, catalogueDir, exports, regions: regions.length, rows };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? 'sample-province');
  const rows = process.argv[3] ? Number(process.argv[3]) : undefined;
  const sample = await writeProvinceSample(outDir, await loadCatalogue(), { rows });
  process.stdout.write(
    `province sample: ${sample.regions} regions in ${sample.catalogueDir}, ${sample.rows.toLocaleString('en-US')} registrations in ${sample.exports.length} GBK exports\n` +
      `  config ${sample.configFile}\n`,
  );
}
