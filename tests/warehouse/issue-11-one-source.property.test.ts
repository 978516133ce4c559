/**
 * Issue 11, property over the demo year: whatever each source leaves out, every published YTD and
 * month value of 城镇新增就业 is one that a single source gives (SPEC §6) — never a return's YTD with
 * an export's month. Seeded: fast-check prints the seed and path of any counterexample.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { buildSampleTruth, type SampleTruth } from '../../samples/sample-truth.ts';
import { withTestWarehouse, type TestFact } from '../helpers/test-warehouse.ts';

const RUNS = { seed: 20221103, numRuns: 4 };
const MONTHS = 12;

let catalogue: Catalogue;
let truth: SampleTruth;
beforeAll(async () => {
  catalogue = await loadCatalogue();
  truth = buildSampleTruth(catalogue);
});

/** Which figures each source gives, per district and month. */
interface Presence {
  readonly returnYtd: boolean;
  readonly returnMonth: boolean;
  readonly exportMonth: boolean;
}

type SourceFigures = Map<number, { ytd?: Decimal; month?: Decimal }>;

/** The export's figures: the registrations system counts a little differently from the returns. */
const exportMonth = (returnMonth: Decimal, region: string, month: number) =>
  returnMonth.times(region === '370285' && month === 10 ? '0.96' : '1.01').toDecimalPlaces(0);

/** A single source's YTD for month n, derived only from that source (the SPEC §5 rules). */
function ytdOf(figures: SourceFigures, n: number): Decimal | null {
  for (let anchor = n; anchor >= 0; anchor--) {
    const base = anchor === 0 ? new Decimal(0) : figures.get(anchor)?.ytd;
    if (base === undefined) continue;
    let sum = base;
    for (let m = anchor + 1; m <= n; m++) {
      const month = figures.get(m)?.month;
      if (month === undefined) return null;
      sum = sum.plus(month);
    }
    return sum;
  }
  return null;
}

function monthOf(figures: SourceFigures, n: number): Decimal | null {
  const reported = figures.get(n)?.month;
  if (reported !== undefined) return reported;
  const ytd = ytdOf(figures, n);
  if (ytd === null) return null;
  if (n === 1) return ytd;
  const previous = ytdOf(figures, n - 1);
  return previous === null ? null : ytd.minus(previous);
}

describe('issue 11: one source per observation over the demo year (property)', () => {
  it('publishes for every district and month a YTD and month value that one source gives', async () => {
    const presence = fc.array(
      fc.record({
        returnYtd: fc.boolean(),
        returnMonth: fc.boolean(),
        exportMonth: fc.nat(9).map((n) => n > 0),
      }),
      { minLength: truth.districts.length * MONTHS, maxLength: truth.districts.length * MONTHS },
    );
    await fc.assert(
      fc.asyncProperty(presence, fc.boolean(), async (present: Presence[], exportThroughOctober: boolean) => {
        const facts: TestFact[] = [];
        const bySource = new Map<string, { return: SourceFigures; export: SourceFigures }>();
        truth.districts.forEach((district, d) => {
          const sources = { return: new Map(), export: new Map() } as {
            return: SourceFigures;
            export: SourceFigures;
          };
          bySource.set(district.code, sources);
          for (let m = 1; m <= MONTHS; m++) {
            const p = present[d * MONTHS + m - 1]!;
            const value = truth.get('urban_new_jobs', district.code, m);
            const month = `2022-${String(m).padStart(2, '0')}`;
            const base = { indicator: 'urban_new_jobs', region: district.code, month };
            const r: { ytd?: Decimal; month?: Decimal } = {};
            if (p.returnYtd) {
              r.ytd = value.ytd!;
              facts.push({ ...base, measure: 'ytd', value: value.ytd!.toString() });
            }
            if (p.returnMonth) {
              r.month = value.month!;
              facts.push({ ...base, measure: 'month', value: value.month!.toString() });
            }
            sources.return.set(m, r);
            if (p.exportMonth || (exportThroughOctober && m <= 10)) {
              const e = exportMonth(value.month!, district.code, m);
              sources.export.set(m, { month: e });
              facts.push({
                ...base,
                measure: 'month',
                value: e.toString(),
                sourceKind: 'export',
                fileHash: 'export',
              });
            }
          }
        });
        await withTestWarehouse(async (w) => {
          await w.facts(facts);
          const rows = await w.rows(
            `select region_code, month(period)::int as m, ytd_value, month_value from observation
             where indicator_code = 'urban_new_jobs' and origin = 'reported'`,
          );
          for (const row of rows) {
            const sources = bySource.get(String(row.region_code))!;
            const m = Number(row.m);
            const published = {
              ytd: row.ytd_value === null ? null : new Decimal(String(row.ytd_value)).toString(),
              month: row.month_value === null ? null : new Decimal(String(row.month_value)).toString(),
            };
            const candidates = [sources.export, sources.return].map((figures) => ({
              ytd: ytdOf(figures, m)?.toString() ?? null,
              month: monthOf(figures, m)?.toString() ?? null,
            }));
            expect(candidates, `${String(row.region_code)} month ${m}`).toContainEqual(published);
          }
          // The city: where every district's export is complete through October, the headline is the export's.
          const complete = truth.districts.every((d) => ytdOf(bySource.get(d.code)!.export, 10) !== null);
          if (complete) {
            const exportTotal = truth.districts.reduce(
              (sum, d) => sum.plus(ytdOf(bySource.get(d.code)!.export, 10)!),
              new Decimal(0),
            );
            const [city] = await w.rows(
              `select ytd_value from observation where indicator_code = 'urban_new_jobs' and region_code = '370200'
                 and period = date '2022-10-01'`,
            );
            expect(new Decimal(String(city!.ytd_value)).toString()).toBe(exportTotal.toString());
          }
        });
      }),
      RUNS,
    );
  }, 300_000);
});
