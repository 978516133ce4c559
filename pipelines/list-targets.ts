/**
 * `kpi catalogue --targets`: the targets the warehouse holds (loaded ones included), with issuer,
 * due month, what each overrides and where it was loaded from; the catalogue's own when there is
 * no warehouse yet.
 */
import { existsSync } from 'node:fs';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';
import { readTargetList } from '../warehouse/read-target-list.ts';

/** Listing columns, in order. */
export const TARGET_COLUMNS = [
  'indicator',
  'region',
  'years',
  'issuer',
  'due',
  'basis',
  'target',
  'direction',
  'approximate',
  'source',
  'overrides',
  'loaded_from',
] as const;

/** One row per target: from the warehouse `config.db` when it exists, else from `catalogue`. */
export async function listTargets(
  config: Pick<Config, 'db' | 'timezone'>,
  catalogue: Catalogue,
): Promise<Record<string, unknown>[]> {
  if (existsSync(config.db))
    return withPublishedWarehouse(config.db, { timezone: config.timezone }, readTargetList);
  const names = new Map(catalogue.indicators.map((i) => [i.code, i.nameZh]));
  const regions = new Map(catalogue.regions.map((r) => [r.code, r.nameZh]));
  return catalogue.targets.map((t) => ({
    indicator: names.get(t.indicatorCode),
    region: regions.get(t.regionCode),
    years: t.startYear === t.endYear ? String(t.startYear) : `${t.startYear}–${t.endYear}`,
    issuer: t.issuer,
    due: t.duePeriod,
    basis: t.basis,
    target: t.targetValue.toString(),
    direction: t.direction,
    approximate: t.approximate ? '约数' : '',
    source: t.source,
    overrides: t.overrides ?? '',
    loaded_from: t.loadedFrom,
  }));
}
