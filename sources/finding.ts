/**
 * Findings are data: what a check found, where, and how bad. Parsers and checks collect them
 * (never stopping at the first); `format-finding.ts` turns them into text for people.
 */
import { maskNationalIds } from '../core/mask-national-ids.ts';

/** error (强制性审核): the file is rejected whole. warning (核实性审核): loaded, flagged for a person. */
export type Severity = 'error' | 'warning';

/** Where a finding points: the file, and inside it a sheet and cell or an export row. */
export interface FindingLocation {
  readonly file: string;
  readonly sheet?: string;
  /** A1-style cell address. */
  readonly cell?: string;
  /** Export row number (1-based, header excluded) or row group. */
  readonly row?: number | string;
}

export interface Finding {
  /** Stable rule code, e.g. `unknown_label`, `ytd_decreased`, `month_ytd_mismatch`. */
  readonly code: string;
  readonly severity: Severity;
  readonly location: FindingLocation;
  /** The label or value the finding is about, as it appeared. */
  readonly input?: string;
  /** Human-readable explanation in Chinese or English, with the figures involved. */
  readonly message: string;
  readonly regionCode?: string;
  /** `YYYY-MM` */
  readonly period?: string;
  readonly indicatorCode?: string;
}

/** The finding with every national ID in its quoted text masked (SPEC §7). */
export function maskFinding(finding: Finding): Finding {
  return {
    ...finding,
    message: maskNationalIds(finding.message),
    ...(finding.input === undefined ? {} : { input: maskNationalIds(finding.input) }),
  };
}

/** `file → sheet → cell` as one string. */
export function formatLocation(location: FindingLocation): string {
  return [
    location.file,
    location.sheet,
    location.cell,
    location.row === undefined ? undefined : `row ${location.row}`,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(' → ');
}
