/**
 * The ground truth of the sample year: what each Qingdao district really achieved in 2022, month by
 * month, and the district targets (任务分解). Deterministic (seeded PRNG); generators write files from it.
 */
import { Decimal } from 'decimal.js';
import type { TargetEntry } from '../catalogue/catalogue-schema.ts';
import type { Catalogue, Indicator, Region } from '../catalogue/catalogue.ts';
import { seededRandom, type Random } from './seeded-random.ts';

/** The year the sample describes. */
export const SAMPLE_YEAR = 2022;

/** One indicator's figures for a district and month, in base units (rates in percent). */
export interface TruthValue {
  /** Flows: 1–N月累计. */
  readonly ytd: Decimal | null;
  /** Flows: the month's own value. */
  readonly month: Decimal | null;
  /** Stocks: the level at month end; ratios: the rate as printed (two decimals). */
  readonly level: Decimal | null;
}

export interface SampleTruth {
  readonly year: number;
  /** The ten districts, in the order returns list them. */
  readonly districts: readonly Region[];
  /** The indicators a district return reports, in template order. */
  readonly indicators: readonly Indicator[];
  /** The figures of an indicator for a district and month 1..12 (all null when the district does not report it). */
  get(indicatorCode: string, regionCode: string, month: number): TruthValue;
  /** A stock's level at December of the previous year (for net changes), null for other kinds. */
  previousDecember(indicatorCode: string, regionCode: string): Decimal | null;
  /** District targets for the sample year, in the targets.json entry format; additive ones sum to the city target. */
  readonly districtTargets: readonly TargetEntry[];
}

/** How an indicator behaves in the sample: city scale and how far ahead of plan the year runs. */
interface FlowPlan {
  readonly kind: 'flow';
  /** City total for the year when there is no 2022 target to scale from. */
  readonly cityYear?: number;
  /** Year total ÷ city target (> 1 ahead of schedule, < 1 behind). */
  readonly pace: number;
  /** Monthly shares (normalised); default: a Spring-Festival dip and a steady year. */
  readonly season?: readonly number[];
  /** For a part-of relation or a ratio numerator: share of this other flow, month by month. */
  readonly shareOf?: { readonly code: string; readonly share: number };
}
interface StockPlan {
  readonly kind: 'stock';
  /** City level at December of the previous year. */
  readonly cityStart: number;
  /** City growth over the year (may be negative for a shrinking count). */
  readonly cityGrowth: number;
  /** Level as a share of this other stock. */
  readonly shareOf?: { readonly code: string; readonly share: number };
}
interface RatioPlan {
  readonly kind: 'ratio';
}
type Plan = FlowPlan | StockPlan | RatioPlan;

const DEFAULT_SEASON = [0.055, 0.05, 0.09, 0.09, 0.09, 0.09, 0.095, 0.09, 0.09, 0.085, 0.085, 0.08];

/** District-reported indicators by code, in template order within each category. */
const PLANS: ReadonlyArray<readonly [string, Plan]> = [
  ['urban_new_jobs', { kind: 'flow', pace: 1.075 }],
  ['unemployed_reemployed', { kind: 'flow', cityYear: 41_000, pace: 1 }],
  ['hard_to_employ_helped', { kind: 'flow', cityYear: 9_600, pace: 1 }],
  ['internship_trainees', { kind: 'flow', pace: 0.93, season: [2, 2, 5, 6, 8, 12, 16, 14, 10, 8, 9, 8] }],
  ['public_welfare_posts', { kind: 'flow', pace: 1.12, season: [9, 8, 12, 11, 10, 9, 8, 7, 7, 7, 6, 6] }],
  [
    'public_welfare_placed',
    { kind: 'flow', pace: 1, shareOf: { code: 'public_welfare_posts', share: 0.94 } },
  ],
  ['startup_supported', { kind: 'flow', pace: 0.96 }],
  ['grad_startup_supported', { kind: 'flow', pace: 1.04 }],
  ['subsidised_training', { kind: 'flow', pace: 1.18 }],
  ['new_apprentice_training', { kind: 'flow', pace: 0.86 }],
  [
    'grad_unemployed_registered',
    { kind: 'flow', cityYear: 6_400, pace: 1, season: [1, 1, 2, 2, 3, 6, 22, 20, 14, 11, 10, 8] },
  ],
  [
    'grad_unemployed_served',
    { kind: 'flow', pace: 1, shareOf: { code: 'grad_unemployed_registered', share: 0.986 } },
  ],
  ['poverty_willing', { kind: 'stock', cityStart: 3_120, cityGrowth: -60 }],
  [
    'poverty_assisted',
    { kind: 'stock', cityStart: 3_070, cityGrowth: -15, shareOf: { code: 'poverty_willing', share: 0.995 } },
  ],
  ['labour_coop_bases', { kind: 'stock', cityStart: 86, cityGrowth: 9 }],
  ['enterprise_pension_insured', { kind: 'stock', cityStart: 4_216_000, cityGrowth: 118_000 }],
  ['enterprise_pension_contributors', { kind: 'stock', cityStart: 3_402_000, cityGrowth: 86_500 }],
  ['unemployment_insured', { kind: 'stock', cityStart: 2_548_000, cityGrowth: 71_000 }],
  ['injury_insured', { kind: 'stock', cityStart: 2_986_000, cityGrowth: 88_000 }],
  ['enterprise_annuity_firms', { kind: 'stock', cityStart: 2_012, cityGrowth: 131 }],
  ['talent_attracted', { kind: 'flow', pace: 1.03, season: [5, 5, 8, 8, 9, 10, 13, 11, 9, 8, 7, 7] }],
  ['talent_workstations', { kind: 'stock', cityStart: 14, cityGrowth: 5 }],
  ['new_skilled_workers', { kind: 'flow', pace: 0.9 }],
  [
    'new_high_skilled_workers',
    { kind: 'flow', pace: 1, shareOf: { code: 'new_skilled_workers', share: 0.41 } },
  ],
  [
    'technical_school_enrolment',
    { kind: 'flow', pace: 1.02, season: [0, 0, 2, 2, 3, 4, 10, 30, 40, 6, 2, 1] },
  ],
  ['professional_cpd', { kind: 'flow', pace: 1.09 }],
  ['skill_level_certifications', { kind: 'flow', pace: 0.88 }],
  ['self_assessment_firms', { kind: 'stock', cityStart: 392, cityGrowth: 61 }],
  ['dispute_cases_accepted', { kind: 'flow', cityYear: 14_800, pace: 1 }],
  [
    'dispute_cases_closed',
    { kind: 'flow', pace: 1, shareOf: { code: 'dispute_cases_accepted', share: 0.935 } },
  ],
  [
    'dispute_cases_mediated',
    { kind: 'flow', pace: 1, shareOf: { code: 'dispute_cases_closed', share: 0.64 } },
  ],
  ['dispute_closure_rate', { kind: 'ratio' }],
  ['inspection_cases_filed', { kind: 'flow', cityYear: 1_650, pace: 1 }],
  [
    'inspection_cases_closed_on_time',
    { kind: 'flow', pace: 1, shareOf: { code: 'inspection_cases_filed', share: 0.982 } },
  ],
];

/** Relative size of each district (黄岛 largest, 莱西 smallest), by code. */
const DISTRICT_WEIGHT: Readonly<Record<string, number>> = {
  '370202': 0.07,
  '370203': 0.095,
  '370211': 0.21,
  '370212': 0.065,
  '370213': 0.08,
  '370214': 0.125,
  '370215': 0.11,
  '370281': 0.1,
  '370283': 0.085,
  '370285': 0.06,
};

const CITY = '370200';

/** Build the sample year's truth from the catalogue (indicator and region codes must exist in it). */
export function buildSampleTruth(catalogue: Catalogue): SampleTruth {
  const random = seededRandom(`qingdao-${SAMPLE_YEAR}`);
  const byCode = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const indicators = PLANS.map(([code]) => {
    const indicator = byCode.get(code);
    if (!indicator) throw new Error(`sample indicator ${code} is not in the catalogue`);
    return indicator;
  });
  const districts = Object.keys(DISTRICT_WEIGHT).map((code) => {
    const region = catalogue.regions.find((r) => r.code === code);
    if (!region) throw new Error(`sample district ${code} is not in the catalogue`);
    return region;
  });
  const cityTarget = (code: string): number | null => {
    const target = catalogue.targets.find(
      (t) =>
        t.indicatorCode === code &&
        t.regionCode === CITY &&
        t.startYear <= SAMPLE_YEAR &&
        t.endYear >= SAMPLE_YEAR &&
        t.issuer === '市定' &&
        (t.basis === 'annual' || t.basis === 'yearly'),
    );
    return target ? target.targetValue.toNumber() : null;
  };

  // Per indicator and district: 12 monthly values (flows) or 13 levels from the previous December (stocks).
  const monthly = new Map<string, number[]>();
  const levels = new Map<string, number[]>();
  const key = (code: string, region: string) => `${code}|${region}`;
  // Noisy district shares that still sum to 1, so the city total follows the plan's pace.
  const districtShares = (spread: number) => {
    const raw = districts.map((d) => DISTRICT_WEIGHT[d.code]! * (1 + spread * (random() * 2 - 1)));
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((r) => r / sum);
  };

  for (const [code, plan] of PLANS) {
    if (plan.kind === 'flow') {
      const shares = districtShares(0.18);
      districts.forEach((district, i) => {
        if (plan.shareOf) {
          const base = monthly.get(key(plan.shareOf.code, district.code))!;
          const share = plan.shareOf.share * (1 + 0.03 * (random() * 2 - 1));
          monthly.set(key(code, district.code), partOf(base, Math.min(share, 1), random));
          return;
        }
        const cityYear = plan.cityYear ?? cityTarget(code)! * plan.pace;
        const total = Math.round(cityYear * shares[i]!);
        monthly.set(key(code, district.code), spreadOverMonths(total, plan.season ?? DEFAULT_SEASON, random));
      });
    } else if (plan.kind === 'stock') {
      const shares = districtShares(0.1);
      districts.forEach((district, i) => {
        if (plan.shareOf) {
          const base = levels.get(key(plan.shareOf.code, district.code))!;
          const share = Math.min(1, plan.shareOf.share + 0.01 * random());
          levels.set(
            key(code, district.code),
            base.map((b) => Math.min(b, Math.round(b * share))),
          );
          return;
        }
        const start = Math.max(1, Math.round(plan.cityStart * shares[i]!));
        const growth = plan.cityGrowth * shares[i]!;
        const path = [start];
        for (let m = 1; m <= 12; m++) {
          const wobble = Math.abs(growth) > 12 ? (growth / 12) * 0.4 * (random() * 2 - 1) : 0;
          path.push(Math.max(0, Math.round(start + (growth * m) / 12 + wobble)));
        }
        levels.set(key(code, district.code), path);
      });
    }
  }

  const ratioOf = (indicator: Indicator, region: string, m: number): Decimal | null => {
    const num = monthly.get(key(indicator.numeratorCode!, region));
    const den = monthly.get(key(indicator.denominatorCode!, region));
    if (!num || !den) return null;
    const n = cumulative(num)[m - 1]!;
    const d = cumulative(den)[m - 1]!;
    if (d === 0) return null;
    return new Decimal(n).times(100).div(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  };

  const districtCodes = new Set(districts.map((d) => d.code));
  const reported = new Map(indicators.map((i) => [i.code, i]));
  const empty: TruthValue = { ytd: null, month: null, level: null };

  return {
    year: SAMPLE_YEAR,
    districts,
    indicators,
    get(indicatorCode, regionCode, month) {
      const indicator = reported.get(indicatorCode);
      if (!indicator || !districtCodes.has(regionCode) || month < 1 || month > 12) return empty;
      if (indicator.kind === 'flow') {
        const values = monthly.get(key(indicatorCode, regionCode))!;
        return {
          ytd: new Decimal(cumulative(values)[month - 1]!),
          month: new Decimal(values[month - 1]!),
          level: null,
        };
      }
      if (indicator.kind === 'stock') {
        return {
          ytd: null,
          month: null,
          level: new Decimal(levels.get(key(indicatorCode, regionCode))![month]!),
        };
      }
      return { ytd: null, month: null, level: ratioOf(indicator, regionCode, month) };
    },
    previousDecember(indicatorCode, regionCode) {
      const path = levels.get(key(indicatorCode, regionCode));
      return path ? new Decimal(path[0]!) : null;
    },
    districtTargets: buildDistrictTargets(catalogue, indicators, districts, random),
  };
}

/** Split every 2022 city target of a district-reported indicator over the districts (additive ones sum exactly). */
function buildDistrictTargets(
  catalogue: Catalogue,
  indicators: readonly Indicator[],
  districts: readonly Region[],
  random: Random,
): TargetEntry[] {
  const reported = new Map(indicators.map((i) => [i.code, i]));
  // The net change is reported through its base stock, so its target is split too.
  for (const i of catalogue.indicators)
    if (i.kind === 'net_change' && i.baseCode && reported.has(i.baseCode)) reported.set(i.code, i);
  const entries: TargetEntry[] = [];
  for (const target of catalogue.targets) {
    const indicator = reported.get(target.indicatorCode);
    if (!indicator || target.regionCode !== CITY) continue;
    if (target.startYear > SAMPLE_YEAR || target.endYear < SAMPLE_YEAR) continue;
    if (target.basis !== 'annual' && target.basis !== 'yearly') continue;
    if (target.issuer !== '市定') continue;
    if (entries.some((e) => e.indicator === indicator.nameZh)) continue;
    const source = `任务分解 ${SAMPLE_YEAR} (sample): ${target.source}`;
    const common = {
      indicator: indicator.nameZh,
      start_year: SAMPLE_YEAR,
      end_year: SAMPLE_YEAR,
      basis: 'annual' as const,
      direction: target.direction,
      issuer: '市定' as const,
      approximate: false,
      source,
    };
    if (indicator.kind === 'ratio' || indicator.kind === 'rate') {
      for (const d of districts)
        entries.push({ ...common, region: d.code, value: `${target.targetValue.toString()}%` });
      continue;
    }
    const weights = districts.map((d) => DISTRICT_WEIGHT[d.code]! * (1 + 0.08 * (random() * 2 - 1)));
    const parts = apportion(target.targetValue.toNumber(), weights);
    districts.forEach((d, i) => entries.push({ ...common, region: d.code, value: parts[i]! }));
  }
  return entries;
}

/** Integer split of `total` by `weights` (largest remainder), summing exactly to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

function spreadOverMonths(total: number, season: readonly number[], random: Random): number[] {
  return apportion(
    total,
    season.map((s) => s * (0.85 + 0.3 * random())),
  );
}

/** A part of a flow month by month (never above the whole, so child ≤ parent and numerator ≤ denominator hold every month). */
function partOf(base: readonly number[], share: number, random: Random): number[] {
  return base.map((b) => Math.min(b, Math.round(b * share * (0.98 + 0.04 * random()))));
}

function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}
