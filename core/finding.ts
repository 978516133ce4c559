/**
 * Findings are data (SPEC §7, STYLE 4): a code from a closed list, its parameters, a severity and
 * where it points. Nothing here renders text: `format-finding.ts` is the one place that does.
 */
import type { FileCounts } from './file-counts.ts';
import type { Period } from './period.ts';

/**
 * error (强制性审核): the file is rejected whole. warning (核实性审核): loaded, flagged for a person.
 * info: said in the file's outcome (a helper sheet skipped), nothing to check; not stored as a 审核 finding.
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding points: the file (its base name, as the district named it; or the warehouse view
 * a data check read), and inside it a sheet and cell or export rows.
 */
export interface FindingLocation {
  readonly file: string;
  readonly sheet?: string;
  /** A1-style cell address. */
  readonly cell?: string;
  /** Export row numbers (1-based, header excluded), e.g. `3, 17, 20`. */
  readonly row?: number | string;
}

/** The parameters of each finding code: what the formatter needs to say it, nothing rendered. */
export interface FindingParams {
  // A file as a whole.
  /** `retry`: the machine failed, not the file (a full disk): it stays in the inbox for the next run. */
  unreadable_file: { readonly reason: string; readonly retry?: boolean };
  old_workbook_format: Record<string, never>;
  no_definition: Record<string, never>;
  no_indicator_table: Record<string, never>;
  no_value_columns: { readonly sheet: string };
  missing_columns: {
    readonly system: string;
    readonly missing: readonly string[];
    readonly expected: readonly string[];
  };
  // Region and period.
  unknown_region:
    | { readonly kind: 'return'; readonly texts: readonly string[] }
    | { readonly kind: 'export'; readonly count: number; readonly examples: readonly string[] };
  region_mismatch:
    | { readonly kind: 'several'; readonly texts: readonly string[] }
    | {
        readonly kind: 'name_vs_sheet';
        readonly fromName: string;
        readonly fromSheet: string;
        readonly text: string;
      };
  unknown_period:
    | { readonly kind: 'missing' }
    | { readonly kind: 'invalid'; readonly texts: readonly string[] }
    | { readonly kind: 'future'; readonly period: Period };
  period_mismatch:
    | { readonly kind: 'several'; readonly texts: readonly string[] }
    | {
        readonly kind: 'name_vs_sheet';
        readonly fromName: Period;
        readonly fromSheet: Period;
        readonly text: string;
      }
    | { readonly kind: 'ytd_header'; readonly header: string; readonly period: Period };
  invalid_date: {
    readonly column: string;
    readonly count: number;
    readonly examples: readonly string[];
    readonly allowMonth: boolean;
  };
  // Cells and values.
  unknown_label: { readonly label: string; readonly nearest: readonly string[] };
  unknown_unit: { readonly label: string; readonly unit: string };
  non_numeric_value:
    | { readonly kind: 'cell'; readonly label: string; readonly reason: string }
    | { readonly kind: 'formula_without_result'; readonly label: string }
    | { readonly kind: 'column'; readonly column: string; readonly count: number };
  duplicate_indicator: {
    readonly label: string;
    readonly first: string;
    readonly firstAt: string;
    readonly second: string;
  };
  negative_value:
    | { readonly kind: 'cell'; readonly label: string; readonly value: string }
    | { readonly kind: 'column'; readonly column: string; readonly count: number };
  ytd_decreased: {
    readonly label: string;
    readonly month: number;
    readonly ytd: string;
    readonly previous: string;
  };
  month_ytd_mismatch: {
    readonly label: string;
    readonly monthValue: string;
    readonly ytd: string;
    readonly previous: string | null;
    readonly expected: string | null;
  };
  numerator_above_denominator: {
    readonly label: string;
    readonly value: string;
    readonly wholeLabel: string;
    readonly wholeValue: string;
    readonly wholeAt: string;
  };
  child_above_parent: {
    readonly label: string;
    readonly value: string;
    readonly wholeLabel: string;
    readonly wholeValue: string;
    readonly wholeAt: string;
  };
  rate_components_mismatch: {
    readonly label: string;
    readonly printed: string;
    readonly numeratorLabel: string;
    readonly denominatorLabel: string;
    readonly computed: string;
  };
  // Every cell accounted for (issue 22).
  /** A sheet that is not a return table, skipped whole: hidden, or naming no catalogue indicator. */
  helper_sheet_skipped: {
    readonly sheet: string;
    readonly why: 'hidden' | 'no_indicator_table';
    /** A hidden sheet that is a copy of a return table: the report month its header or title names. */
    readonly copyOf: Period | null;
  };
  /** An export none of whose rows is new: only the true 0 of the months it covers is stored. */
  nothing_new: { readonly counts: FileCounts; readonly from: Period; readonly to: Period };
  /** A file that would store no value at all: never `loaded` (SPEC §6). */
  nothing_stored: { readonly source: 'return' | 'export'; readonly counts: FileCounts };
  /** Figures in month columns after the report month: not this return's to give, left out. */
  after_report_month: { readonly period: Period; readonly count: number };
  /** A level written under both 本月 and 累计 with different figures: 累计 is stored, 本月 left out. */
  level_ambiguous: {
    readonly label: string;
    readonly monthValue: string;
    readonly monthAt: string;
    readonly level: string;
  };
  invalid_id_number: { readonly column: string; readonly count: number; readonly more: boolean };
  /**
   * IDs Excel changed so no person can be told from them (the file is rejected): rows in scientific
   * notation or an .xlsx number cell (`scientific`), rows whose last digits became 0 (`digitsLost`).
   */
  id_number_mangled: {
    readonly column: string;
    readonly scientific: number;
    readonly digitsLost: number;
    /** More than the ten rows the location names. */
    readonly more: boolean;
  };
  /** Rows no yield takes because a filter column holds a value none selects (e.g. an unknown 险种). */
  unselected_values: {
    readonly column: string;
    readonly count: number;
    /** Up to five values, most rows first. */
    readonly values: readonly { readonly value: string; readonly count: number }[];
    readonly more: boolean;
  };
  /** The warehouse has counted persons but its salt file is gone or another's: the export is not read. */
  unusable_salt: { readonly kind: 'missing' | 'foreign'; readonly file: string };
  /** A workbook beyond a configured limit (SPEC §6); `value` null: beyond it, measured no further. */
  workbook_too_large: { readonly limit: WorkbookLimit; readonly value: number | null; readonly max: number };
  date_out_of_window: {
    readonly column: string;
    readonly count: number;
    readonly examples: readonly string[];
    /** The plausible window: 1 January of the previous year through the run date (YYYY-MM-DD). */
    readonly from: string;
    readonly to: string;
  };
  // System exports as they come: a file the export readers cannot take, said in Chinese.
  export_encoding: { readonly encoding: string; readonly byteOffset: number };
  malformed_rows: {
    readonly format: 'csv' | 'jsonl';
    readonly count: number;
    /** Fields the header has (CSV). */
    readonly expected: number | null;
    /** Up to five rows: the file's line, and the fields found there (null: cannot be split). */
    readonly rows: readonly { readonly row: number; readonly found: number | null }[];
  };
  unreadable_export: { readonly format: ExportFormat };
  export_too_large: { readonly format: ExportFormat; readonly bytes: number; readonly max: number };
  // Data checks over the warehouse (transforms/checks): the violation row's columns.
  month_over_month_jump: CheckParams;
  above_twice_target: CheckParams;
  districts_vs_city: CheckParams;
  behind_schedule: CheckParams;
  sum_of_parts: CheckParams;
  return_vs_export: CheckParams;
  late_return: CheckParams;
  missing_return: CheckParams;
  unit_slip: CheckParams;
}

/** The workbook limits of the config (`limits`), checked before a workbook is parsed. */
export type WorkbookLimit =
  | 'workbook_bytes'
  | 'workbook_xml_bytes'
  | 'workbook_sheets'
  | 'sheet_rows'
  | 'sheet_columns'
  | 'compression_ratio';

/** The formats of a system export, told apart by their bytes. */
export type ExportFormat = 'csv' | 'jsonl' | 'parquet' | 'arrow' | 'xlsx';

/** A data check's violation row, column by column, as text (null: no value). */
export type CheckParams = Readonly<Record<string, string | null>>;

export type FindingCode = keyof FindingParams;

/** The codes of the data checks, whose parameters are their violation rows. */
export const CHECK_CODES = [
  'month_over_month_jump',
  'above_twice_target',
  'districts_vs_city',
  'behind_schedule',
  'sum_of_parts',
  'return_vs_export',
  'late_return',
  'missing_return',
  'unit_slip',
] as const satisfies readonly FindingCode[];
export type CheckCode = (typeof CHECK_CODES)[number];

/** One finding; `code` decides the shape of `params`. */
export type Finding = {
  readonly [C in FindingCode]: {
    readonly code: C;
    readonly severity: Severity;
    readonly params: FindingParams[C];
    readonly location: FindingLocation;
    /** The label or value the finding is about, as it was written. */
    readonly input?: string;
    readonly regionCode?: string;
    readonly period?: Period;
    readonly indicatorCode?: string;
  };
}[FindingCode];

/** Build a finding; the compiler checks that `params` fits `code`. */
export function finding<C extends FindingCode>(
  code: C,
  severity: Severity,
  params: FindingParams[C],
  location: FindingLocation,
  about: {
    readonly input?: string;
    readonly regionCode?: string;
    readonly period?: Period;
    readonly indicatorCode?: string;
  } = {},
): Finding {
  return { code, severity, params, location, ...about } as Finding;
}
