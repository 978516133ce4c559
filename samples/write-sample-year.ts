/**
 * `npm run sample [outDir]`: writes the sample year — every district's monthly returns in its own
 * template variant, the district targets, the truth they were made from, and one broken return per check.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import type ExcelJS from 'exceljs';
import { Workbook } from '../core/exceljs.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { TargetEntry } from '../catalogue/catalogue-schema.ts';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { cityRateReturn } from './city-rate-return.ts';
import { writeWorkbook } from './write-workbook.ts';
import { writeBrokenReturns } from './write-broken-returns.ts';
import type { ReturnVariant } from './return-variant.ts';
import { buildSampleTruth, SAMPLE_YEAR, type SampleTruth } from './sample-truth.ts';
import { categorySheetsReturn } from './variants/category-sheets-return.ts';
import { renamedReturn } from './variants/renamed-return.ts';
import { standardReturn } from './variants/standard-return.ts';
import { yearWorkbookReturn } from './variants/year-workbook-return.ts';

/** Every template variant, in the order districts are assigned to them. */
export const RETURN_VARIANTS: readonly ReturnVariant[] = [
  standardReturn,
  renamedReturn,
  categorySheetsReturn,
  yearWorkbookReturn,
];

/** How each district names itself, in its sheets and in its file names. */
const DISTRICT_NAMES: Readonly<Record<string, { readonly sheet: string; readonly file: string }>> = {
  '370211': { sheet: '青岛西海岸新区', file: '西海岸新区' },
  '370213': { sheet: '青岛市李沧区', file: '李沧区' },
  '370215': { sheet: '即墨区', file: '即墨' },
};

export interface SampleReturn {
  readonly file: string;
  readonly regionCode: string;
  readonly month: number;
  readonly variant: string;
}

export interface SampleYearOptions {
  /** Months to write (default 1..12). */
  readonly months?: readonly number[];
  /** District codes to write (default all ten). */
  readonly districts?: readonly string[];
  /** Write the broken returns too (default true). */
  readonly broken?: boolean;
  /** Write each district's December return of the year before (stock levels and flow totals), the base of net changes and multi-year plans (default true). */
  readonly baseline?: boolean;
}

export interface SampleYear {
  readonly truth: SampleTruth;
  readonly returns: readonly SampleReturn[];
  /** The previous December's returns (month 12 of the year before). */
  readonly baseline: readonly SampleReturn[];
  readonly targetsFile: string;
  /** The province's assignments to the city (省下达任务), tracked beside the city's own targets. */
  readonly provinceTargetsFile: string;
  readonly truthFile: string;
  readonly brokenDir: string | null;
}

const CITY_CODE = '370200';

/** 李沧区 fills the bureau template but sends it as two section files every month. */
const SECTION_FILES_DISTRICT = '370213';
const SECTIONS: ReadonlyArray<readonly [string, (category: string) => boolean]> = [
  ['就业创业指标', (category) => category === '就业创业'],
  ['社保人才劳动关系公共服务指标', (category) => category !== '就业创业'],
];

/** The workbook with only the indicator rows of one section (rows are read by label, never position). */
function keepSection(
  workbook: ExcelJS.Workbook,
  catalogue: Catalogue,
  keep: (category: string) => boolean,
): ExcelJS.Workbook {
  const copy = new Workbook();
  copy.model = structuredClone(workbook.model);
  for (const sheet of copy.worksheets)
    for (let r = sheet.rowCount; r >= 1; r--) {
      const row = sheet.getRow(r);
      const labels = (row.values as unknown[]).filter((v): v is string => typeof v === 'string');
      const indicator = labels.map((l) => catalogue.findIndicator(l)).find((i) => i !== undefined);
      if (indicator && !keep(indicator.category)) sheet.spliceRows(r, 1);
    }
  return copy;
}

/** The variant a district fills (districts rotate through the variants). */
export function variantFor(truth: SampleTruth, regionCode: string): ReturnVariant {
  const index = truth.districts.findIndex((d) => d.code === regionCode);
  return RETURN_VARIANTS[index % RETURN_VARIANTS.length]!;
}

/**
 * Write the sample year under `outDir`: `returns/` (with the previous December's), `district-targets.json`,
 * `truth.json`, `broken/`.
 */
export async function writeSampleYear(
  outDir: string,
  catalogue: Catalogue,
  options: SampleYearOptions = {},
): Promise<SampleYear> {
  const truth = buildSampleTruth(catalogue);
  const returnsDir = path.join(outDir, 'returns');
  await mkdir(returnsDir, { recursive: true });
  const months = options.months ?? Array.from({ length: 12 }, (_, i) => i + 1);
  const districts = truth.districts.filter((d) => !options.districts || options.districts.includes(d.code));
  const returns: SampleReturn[] = [];
  for (const district of districts) {
    const variant = variantFor(truth, district.code);
    const names = DISTRICT_NAMES[district.code] ?? { sheet: district.nameZh, file: district.nameZh };
    const targets = districtTargetValues(catalogue, truth, district.code);
    for (const month of months) {
      const workbook = variant.build({
        catalogue,
        truth,
        region: district,
        regionName: names.sheet,
        year: truth.year,
        month,
        targets,
      });
      if (district.code === SECTION_FILES_DISTRICT) {
        // This district sends its return as two files, one per section: neither replaces the other.
        for (const [section, keep] of SECTIONS) {
          const file = path.join(returnsDir, `${truth.year}年${month}月_${names.file}_${section}.xlsx`);
          await writeWorkbook(keepSection(workbook, catalogue, keep), file);
          returns.push({ file, regionCode: district.code, month, variant: `${variant.name}/${section}` });
        }
        continue;
      }
      const file = path.join(returnsDir, `${truth.year}年${month}月_${names.file}_${variant.subject}.xlsx`);
      await writeWorkbook(workbook, file);
      returns.push({ file, regionCode: district.code, month, variant: variant.name });
    }
  }
  // The city's own return each month (城镇调查失业率, which no district reports).
  if (!options.districts)
    for (const month of months) {
      const file = path.join(returnsDir, `${truth.year}年${month}月_青岛市_城镇调查失业率.xlsx`);
      await writeWorkbook(cityRateReturn(truth.year, month), file);
      returns.push({ file, regionCode: CITY_CODE, month, variant: 'city-rate' });
    }
  const baseline: SampleReturn[] = [];
  if (options.baseline !== false) {
    const december = previousDecemberTruth(truth);
    for (const district of districts) {
      const names = DISTRICT_NAMES[district.code] ?? { sheet: district.nameZh, file: district.nameZh };
      const workbook = standardReturn.build({
        catalogue,
        truth: december,
        region: district,
        regionName: names.sheet,
        year: december.year,
        month: 12,
        targets: new Map(),
      });
      const file = path.join(
        returnsDir,
        `${december.year}年12月_${names.file}_${standardReturn.subject}.xlsx`,
      );
      await writeWorkbook(workbook, file);
      baseline.push({ file, regionCode: district.code, month: 12, variant: standardReturn.name });
    }
  }
  const targetsFile = path.join(outDir, 'district-targets.json');
  await writeFile(targetsFile, JSON.stringify({ targets: truth.districtTargets }, null, 2) + '\n');
  const provinceTargetsFile = path.join(outDir, 'province-targets.json');
  await writeFile(
    provinceTargetsFile,
    JSON.stringify({ targets: provinceAssignment(truth.year) }, null, 2) + '\n',
  );
  const truthFile = path.join(outDir, 'truth.json');
  await writeFile(truthFile, JSON.stringify(truthAsJson(truth), null, 1) + '\n');
  const brokenDir = options.broken === false ? null : path.join(outDir, 'broken');
  if (brokenDir) await writeBrokenReturns(brokenDir, catalogue, truth);
  return { truth, returns, baseline, targetsFile, provinceTargetsFile, truthFile, brokenDir };
}

/**
 * The December before the sample year as a truth of its own: stock levels (the base of 净增) and
 * each flow's full-year total (1-12月累计, the first year of the 2021–2023 plan, PREVIOUS_YEAR_SHARE
 * of the sample year's), so multi-year progress has its baseline. Month values are not reported.
 */
function previousDecemberTruth(truth: SampleTruth): SampleTruth {
  const kinds = new Map(truth.indicators.map((i) => [i.code, i.kind]));
  return {
    ...truth,
    year: truth.year - 1,
    get(indicatorCode, regionCode) {
      if (kinds.get(indicatorCode) === 'flow') {
        const total = truth.get(indicatorCode, regionCode, 12).ytd;
        return {
          ytd: total && total.times(PREVIOUS_YEAR_SHARE).toDecimalPlaces(0, Decimal.ROUND_HALF_UP),
          month: null,
          level: null,
        };
      }
      return { ytd: null, month: null, level: truth.previousDecember(indicatorCode, regionCode) };
    },
    districtTargets: [],
  };
}

/** The previous year's flows as a share of the sample year's (the same for every flow, so parts stay within wholes). */
const PREVIOUS_YEAR_SHARE = new Decimal('0.94');

/**
 * The province's assignments to the city for the sample year (省下达任务, invented for the sample):
 * 城镇新增就业 beside the city's own 35万, and 城乡公益性岗位 due 6月底前 as in seed 004.
 */
function provinceAssignment(year: number): TargetEntry[] {
  const common = { region: '青岛市', start_year: year, end_year: year, basis: 'annual' as const };
  return [
    {
      ...common,
      indicator: '城镇新增就业',
      value: '33万',
      issuer: '省下达',
      approximate: false,
      source: `山东省下达青岛市${year}年城镇新增就业目标任务（示例）`,
    },
    {
      ...common,
      indicator: '城乡公益性岗位创设数',
      value: '2.4万',
      issuer: '省下达',
      due: `${year}-06`,
      approximate: false,
      source: `山东省下达青岛市${year}年城乡公益性岗位开发任务，6月底前完成（示例，依 seed 004 的安排）`,
    },
  ];
}

/** A district's annual targets in base units, by indicator code. */
function districtTargetValues(
  catalogue: Catalogue,
  truth: SampleTruth,
  regionCode: string,
): Map<string, Decimal> {
  const targets = new Map<string, Decimal>();
  for (const t of catalogue.targets)
    if (t.regionCode === regionCode && t.startYear === truth.year && t.endYear === truth.year)
      targets.set(t.indicatorCode, t.targetValue);
  if (targets.size > 0) return targets;
  // The bundled catalogue has no district targets: use the sample's own.
  for (const entry of truth.districtTargets) {
    const indicator = catalogue.findIndicator(entry.indicator);
    if (entry.region !== regionCode || !indicator || typeof entry.value !== 'number') continue;
    targets.set(indicator.code, new Decimal(entry.value));
  }
  return targets;
}

/** The truth as JSON: decimals as exact strings, one row per indicator, district and month. */
export function truthAsJson(truth: SampleTruth): unknown {
  const values = [];
  for (const indicator of truth.indicators)
    for (const district of truth.districts)
      for (let month = 1; month <= 12; month++) {
        const v = truth.get(indicator.code, district.code, month);
        values.push({
          indicator: indicator.code,
          region: district.code,
          period: `${truth.year}-${String(month).padStart(2, '0')}`,
          ytd: v.ytd?.toString() ?? null,
          month: v.month?.toString() ?? null,
          level: v.level?.toString() ?? null,
        });
      }
  const previousDecember = truth.indicators.flatMap((indicator) =>
    truth.districts.flatMap((district) => {
      const level = truth.previousDecember(indicator.code, district.code);
      return level ? [{ indicator: indicator.code, region: district.code, level: level.toString() }] : [];
    }),
  );
  return { year: truth.year, values, previous_december: previousDecember };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? `sample-${SAMPLE_YEAR}`);
  const year = await writeSampleYear(outDir, await loadCatalogue());
  process.stdout.write(
    `sample year ${year.truth.year}: ${year.returns.length} returns (+${year.baseline.length} of December ${year.truth.year - 1}) in ${path.join(outDir, 'returns')}\n` +
      `  district targets ${year.targetsFile}\n  truth ${year.truthFile}\n  broken returns ${year.brokenDir}\n`,
  );
}
