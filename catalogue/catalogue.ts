/**
 * The validated catalogue as the rest of the product sees it: indicators, regions and targets,
 * with lookups by label. Built only by `parseCatalogue`.
 */
import type { Decimal } from 'decimal.js';
import type { BaseUnit } from '../core/units.ts';
import type {
  CATEGORIES,
  DIRECTIONS,
  ISSUERS,
  KINDS,
  REGION_LEVELS,
  SOURCE_KINDS,
  TARGET_BASES,
} from './catalogue-schema.ts';

export type Category = (typeof CATEGORIES)[number];
export type IndicatorKind = (typeof KINDS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type RegionLevel = (typeof REGION_LEVELS)[number];
export type TargetBasis = (typeof TARGET_BASES)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type Issuer = (typeof ISSUERS)[number];

export interface Indicator {
  readonly code: string;
  readonly nameZh: string;
  readonly category: Category;
  readonly kind: IndicatorKind;
  readonly unit: BaseUnit;
  readonly displayUnit: string;
  readonly direction: Direction;
  readonly parentCode: string | null;
  readonly numeratorCode: string | null;
  readonly denominatorCode: string | null;
  readonly baseCode: string | null;
  readonly authority: SourceKind;
  readonly scheduleProfile: readonly number[] | null;
  readonly aliases: readonly string[];
  readonly description: string | null;
}

export interface Region {
  readonly code: string;
  readonly nameZh: string;
  readonly parentCode: string | null;
  readonly level: RegionLevel;
  readonly aliases: readonly string[];
}

/**
 * One target row: an indicator's figure for a region over a window of years, by one issuer. A
 * 年均 (`yearly`) entry becomes one row per year plus, for additive indicators, a `window_total`
 * row of n × the yearly figure; a year-specific figure from another plan replaces that year's row
 * and names what it replaced in `overrides`.
 */
export interface Target {
  readonly indicatorCode: string;
  readonly regionCode: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly basis: TargetBasis;
  readonly targetValue: Decimal;
  readonly direction: Direction;
  readonly issuer: Issuer;
  /** Due month `YYYY-MM`: December of endYear unless the plan sets an earlier deadline. */
  readonly duePeriod: string;
  /** An approximate figure ("左右"): no met / not met. */
  readonly approximate: boolean;
  readonly source: string;
  /** The figure this row replaced and the plan that gave it ("年均1万 · seed 002 …"), if any. */
  readonly overrides: string | null;
  /** `catalogue` for the bundled plans, else the target file it was loaded from (kept across `kpi init`). */
  readonly loadedFrom: string;
}

export interface Catalogue {
  readonly indicators: readonly Indicator[];
  readonly regions: readonly Region[];
  readonly targets: readonly Target[];
  /** The indicator a label names (canonical name, alias or code, after `normalizeLabel`), if any. */
  findIndicator(label: string): Indicator | undefined;
  /** The region a name, alias or 6-digit code names, if any. */
  findRegion(nameOrCode: string): Region | undefined;
  /** The canonical names closest to an unknown label, best first (advice for a finding, never a mapping). */
  nearestIndicatorNames(label: string, count?: number): string[];
}
