/**
 * Target files in, target rows out. Pure: the indicator and region lookups are passed in, so the
 * same parser serves the bundled catalogue and `kpi targets load`. Every entry is checked on its
 * own and every problem is reported with its file and path.
 */
import { Decimal } from 'decimal.js';
import { parseQuantity } from '../core/parse-quantity.ts';
import type { Indicator, Region, Target } from './catalogue.ts';
import { targetEntry, targetsFile } from './catalogue-schema.ts';
import { readEntries, type CatalogueFile, type CatalogueProblem } from './read-entries.ts';

/** How target entries name indicators and regions. */
export interface TargetLookups {
  findIndicator(label: string): Indicator | undefined;
  findRegion(nameOrCode: string): Region | undefined;
}

/**
 * Validate target files and expand them into rows. A 年均 (`yearly`) entry gives one row per year
 * and, for flows and net changes, the window total; a year-specific entry (`annual`) replaces the
 * 年均 row of its year, keeping what it replaced in `overrides`. Two entries giving different
 * figures for the same indicator, region, window and issuer are a problem.
 *
 * @example
 * parseTargets([{ name: 'targets.json', text }], catalogue).targets.filter((t) => t.issuer === '省下达');
 */
export function parseTargets(
  files: readonly CatalogueFile[],
  lookups: TargetLookups,
): { targets: Target[]; problems: CatalogueProblem[] } {
  const problems: CatalogueProblem[] = [];
  const rows = new Map<string, { target: Target; fromYearly: boolean }>();
  for (const file of files) {
    for (const { index, entry } of readEntries(file, targetsFile, 'targets', targetEntry, problems)) {
      const path = ['targets', index];
      const problem = (code: CatalogueProblem['code'], field: string | null, message: string) =>
        problems.push({ code, file: file.name, path: field ? [...path, field] : path, message });
      const indicator = lookups.findIndicator(entry.indicator);
      const region = lookups.findRegion(entry.region);
      if (!indicator) problem('unknown_reference', 'indicator', `unknown indicator "${entry.indicator}"`);
      if (!region) problem('unknown_reference', 'region', `unknown region "${entry.region}"`);
      if (entry.end_year < entry.start_year)
        problem('invalid_entry', 'end_year', `end_year is before start_year`);
      if (entry.basis === 'annual' && entry.start_year !== entry.end_year)
        problem('invalid_entry', 'basis', `an annual target spans one year`);
      if (entry.due && (Number(entry.due.slice(0, 4)) !== entry.end_year || entry.basis === 'yearly'))
        problem('invalid_entry', 'due', `a due month lies in the window's last year (not for 年均 targets)`);
      if (!indicator || !region) continue;
      const value = targetValue(entry.value, indicator);
      if (typeof value === 'string') {
        problem('invalid_entry', 'value', value);
        continue;
      }
      const base = {
        indicatorCode: indicator.code,
        regionCode: region.code,
        direction: entry.direction ?? indicator.direction,
        issuer: entry.issuer,
        approximate: entry.approximate,
        source: entry.source,
        overrides: null,
        loadedFrom: file.loaded ? file.name : 'catalogue',
      };
      const expanded: Array<{ target: Target; fromYearly: boolean }> = [];
      if (entry.basis === 'yearly') {
        const years = entry.end_year - entry.start_year + 1;
        for (let year = entry.start_year; year <= entry.end_year; year++)
          expanded.push({
            target: {
              ...base,
              startYear: year,
              endYear: year,
              basis: 'yearly',
              targetValue: value,
              duePeriod: `${year}-12`,
            },
            fromYearly: true,
          });
        if (years > 1 && (indicator.kind === 'flow' || indicator.kind === 'net_change'))
          expanded.push({
            target: {
              ...base,
              startYear: entry.start_year,
              endYear: entry.end_year,
              basis: 'window_total',
              targetValue: value.times(years),
              duePeriod: `${entry.end_year}-12`,
              source: `年均×${years}年：${entry.source}`,
            },
            fromYearly: true,
          });
      } else
        expanded.push({
          target: {
            ...base,
            startYear: entry.start_year,
            endYear: entry.end_year,
            basis: entry.basis,
            targetValue: value,
            duePeriod: entry.due ?? `${entry.end_year}-12`,
          },
          fromYearly: false,
        });
      for (const row of expanded) {
        const t = row.target;
        const key = `${t.indicatorCode}|${t.regionCode}|${t.startYear}|${t.endYear}|${t.issuer}`;
        const seen = rows.get(key);
        if (!seen) {
          rows.set(key, row);
          continue;
        }
        const same = seen.target.targetValue.eq(t.targetValue) && seen.target.direction === t.direction;
        if (seen.fromYearly !== row.fromYearly) {
          // A year-specific figure beats the 年均 figure for its year; the replaced plan stays visible.
          const [yearly, specific] = seen.fromYearly ? [seen, row] : [row, seen];
          rows.set(key, {
            fromYearly: false,
            target: same
              ? specific.target
              : {
                  ...specific.target,
                  overrides: `${yearly.target.targetValue.toString()}（${yearly.target.source}）`,
                },
          });
        } else if (!same)
          problem(
            'inconsistent',
            'value',
            `${indicator.nameZh} ${region.nameZh} ${t.startYear}–${t.endYear} ${t.issuer} already has target ${seen.target.targetValue.toString()} (${seen.target.source})`,
          );
      }
    }
  }
  return { targets: [...rows.values()].map((r) => r.target), problems };
}

function targetValue(value: string | number, indicator: Indicator): Decimal | string {
  const quantity = parseQuantity(typeof value === 'number' ? value : String(value), {
    baseUnit: indicator.unit,
  });
  if (quantity.kind === 'value') {
    if (quantity.value.isNegative() && indicator.kind !== 'net_change') return `a target cannot be negative`;
    return new Decimal(quantity.value);
  }
  if (quantity.kind === 'not_reported') return `target value is empty`;
  return quantity.reason;
}
