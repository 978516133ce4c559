/**
 * What a source hands the warehouse: one file read and checked, not yet loaded. Sources build these
 * and write no warehouse table; `loadStagedFile` is the one place that loads them.
 */
import type { Decimal } from 'decimal.js';
import type { FileCounts } from '../core/file-counts.ts';
import type { Finding } from '../core/finding.ts';
import type { Measure } from '../core/measure.ts';
import type { Period } from '../core/period.ts';

/** One figure of a district return, in the indicator's base unit, with its cell. */
export interface StagedValue {
  readonly indicatorCode: string;
  readonly period: Period;
  readonly measure: Measure;
  readonly value: Decimal;
  readonly sheet: string;
  readonly cell: string;
  /** The indicator's label as the return wrote it. */
  readonly label: string;
}

/** What every staged file carries: its content hash, its name and what reading it found. */
interface StagedBase {
  /** The path as given. */
  readonly file: string;
  /** SHA-256 of the content, hex. */
  readonly hash: string;
  /** Errors reject the file whole; warnings are loaded with it. */
  readonly findings: readonly Finding[];
  /** How the file's cells or rows were accounted for (SPEC §6). */
  readonly counts: FileCounts;
}

/** A district return: its region, report month and values. */
export interface StagedReturn extends StagedBase {
  readonly kind: 'return';
  /** The source name recorded in `source_file`. */
  readonly sourceName: string;
  readonly region: string | null;
  readonly period: Period | null;
  readonly values: readonly StagedValue[];
}

/**
 * One indicator a system export yields, staged in a temporary table of the loading connection:
 * `values` has `(region_code, period DATE, value DECIMAL)`; `persons` has
 * `(person_hash, year, first_date, region_code)`, one row per person and year, to be counted
 * against everyone already counted that year.
 */
export interface StagedYield {
  readonly indicatorCode: string;
  readonly measure: Measure;
  readonly table: string;
  readonly count: 'values' | 'persons';
  /**
   * Month values are counts: a covered month with no record for a region is a true 0 for it.
   * Null for levels, which are never invented.
   */
  readonly zeroFill: { readonly months: readonly Period[]; readonly regions: readonly string[] } | null;
  /** Provenance of the facts: `<definition>: <indicator label>`. */
  readonly rowGroup: string;
}

/** A business-system export, staged in temporary tables. */
export interface StagedExport extends StagedBase {
  readonly kind: 'export';
  /** The export definition's name. */
  readonly sourceName: string;
  readonly yields: readonly StagedYield[];
}

/** A file no source could read as anything: only its rejection is recorded. */
export interface StagedUnreadable extends StagedBase {
  readonly kind: 'unreadable';
  readonly sourceKind: 'return' | 'export';
  readonly sourceName: string;
}

export type StagedFile = StagedReturn | StagedExport | StagedUnreadable;
