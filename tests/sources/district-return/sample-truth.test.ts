import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { buildSampleTruth, SAMPLE_YEAR } from '../../../samples/sample-truth.ts';
import { writeTempSample } from './ingest-context.ts';

let catalogue: Catalogue;
let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  catalogue = await loadCatalogue();
  sample = await writeTempSample(catalogue, { months: [], broken: false });
});
afterAll(() => sample.cleanup());

describe('sample truth', () => {
  it('is the same on every build (seeded, no Math.random)', () => {
    const a = buildSampleTruth(catalogue);
    const b = buildSampleTruth(catalogue);
    for (const indicator of a.indicators)
      for (const d of a.districts)
        for (let m = 1; m <= 12; m++)
          expect(b.get(indicator.code, d.code, m)).toEqual(a.get(indicator.code, d.code, m));
    expect(b.districtTargets).toEqual(a.districtTargets);
  });

  it('writes district targets the catalogue loads, summing to the city targets', async () => {
    const withDistricts = await loadCatalogue({ extraTargetFiles: [sample.targetsFile] });
    const additive = withDistricts.targets.filter(
      (t) =>
        sample.truth.districts.some((d) => d.code === t.regionCode) &&
        t.startYear === SAMPLE_YEAR &&
        t.endYear === SAMPLE_YEAR,
    );
    expect(additive.length).toBeGreaterThan(100);
    const byIndicator = new Map<string, Decimal>();
    for (const t of additive) {
      const kind = withDistricts.indicators.find((i) => i.code === t.indicatorCode)!.kind;
      if (kind === 'ratio' || kind === 'rate') continue;
      byIndicator.set(
        t.indicatorCode,
        (byIndicator.get(t.indicatorCode) ?? new Decimal(0)).plus(t.targetValue),
      );
    }
    expect(byIndicator.get('urban_new_jobs')?.toString()).toBe('350000');
    for (const [code, sum] of byIndicator) {
      const city = withDistricts.targets.find(
        (t) =>
          t.indicatorCode === code &&
          t.regionCode === '370200' &&
          t.startYear <= SAMPLE_YEAR &&
          t.endYear >= SAMPLE_YEAR &&
          (t.basis === 'annual' || t.basis === 'yearly'),
      )!;
      expect(sum.toString(), code).toBe(city.targetValue.toString());
    }
  });

  it('makes some city indicators ahead of schedule in October and some behind, with 城镇新增就业 near 31万', () => {
    const truth = sample.truth;
    const cityYtd = (code: string) =>
      truth.districts.reduce((sum, d) => sum.plus(truth.get(code, d.code, 10).ytd!), new Decimal(0));
    const jobs = cityYtd('urban_new_jobs');
    expect(jobs.toNumber()).toBeGreaterThan(300_000);
    expect(jobs.toNumber()).toBeLessThan(330_000);
    const ahead = (code: string, target: number) =>
      cityYtd(code).div(target).times(100).minus(new Decimal(1000).div(12));
    expect(ahead('urban_new_jobs', 350_000).isPositive()).toBe(true);
    expect(ahead('new_skilled_workers', 50_000).isNegative()).toBe(true);
  });

  it('keeps parts within their wholes every month', () => {
    const truth = sample.truth;
    const pairs = [
      ['new_high_skilled_workers', 'new_skilled_workers'],
      ['dispute_cases_closed', 'dispute_cases_accepted'],
      ['dispute_cases_mediated', 'dispute_cases_closed'],
      ['grad_unemployed_served', 'grad_unemployed_registered'],
      ['inspection_cases_closed_on_time', 'inspection_cases_filed'],
      ['poverty_assisted', 'poverty_willing'],
    ];
    for (const d of truth.districts)
      for (let m = 1; m <= 12; m++)
        for (const [part, whole] of pairs) {
          const p = truth.get(part!, d.code, m);
          const w = truth.get(whole!, d.code, m);
          for (const measure of ['ytd', 'month', 'level'] as const)
            if (p[measure])
              expect(p[measure]!.lte(w[measure]!), `${part} ${d.code} ${m} ${measure}`).toBe(true);
        }
  });
});
