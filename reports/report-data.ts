/**
 * What a monthly report is made from: one month's figures read from the warehouse views, with exact
 * decimals. Built only by `loadReportData`; every report format (Markdown, HTML, Excel) reads it.
 */
import type { Decimal } from 'decimal.js';
import type { Period } from '../core/period.ts';
import type { Direction, IndicatorKind } from '../catalogue/catalogue.ts';
import type { CompletionFigure } from '../figures/completion-figure.ts';

export interface ReportIndicator {
  readonly code: string;
  readonly nameZh: string;
  readonly category: string;
  readonly kind: IndicatorKind;
  /** Base unit (人, 个, 元, %…). */
  readonly unit: string;
  readonly displayUnit: string;
  readonly direction: Direction;
  readonly numeratorCode: string | null;
  readonly denominatorCode: string | null;
  /** For a net change: the stock it is the change of (a helper, kept out of the bulletin's text). */
  readonly baseCode: string | null;
  /** 时序进度 by month (12 percentages) where the indicator runs on a seasonal profile, else null (N ÷ 12). */
  readonly scheduleProfile: readonly number[] | null;
}

export interface ReportRegion {
  readonly code: string;
  readonly nameZh: string;
}

/** A `target` row of the city for a window covering the report year. */
export interface CityTarget {
  readonly indicatorCode: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly target: Decimal;
}

/** An `observation` row of the report month. */
export interface ObservationFigure {
  readonly indicatorCode: string;
  readonly regionCode: string;
  /** Flows: YTD; stocks: level; ratios and rates: percent; net changes: change since December. */
  readonly value: Decimal;
  readonly monthValue: Decimal | null;
  /** `reported`, or `rolled_up` from the districts. */
  readonly origin: string;
  /** For rolled-up figures: how many districts contributed. */
  readonly regionsReported: number | null;
}

/** Where a district's return for the month stands. */
export type SubmissionState = 'on_time' | 'late' | 'rejected' | 'missing';

export interface SubmissionStatus {
  readonly regionCode: string;
  readonly state: SubmissionState;
  /** First accepted return's file and time (local), if any. */
  readonly sourceFile: string | null;
  readonly receivedAt: string | null;
}

/** A warning (核实性审核) on the report month. Message and rule may quote a return's text. */
export interface WarningItem {
  readonly regionCode: string | null;
  readonly indicatorCode: string | null;
  readonly rule: string;
  readonly message: string;
}

/** A figure of an earlier month whose value changed since the previous bulletin. */
export interface RevisionItem {
  readonly indicatorCode: string;
  readonly regionCode: string;
  readonly period: Period;
  readonly measure: 'ytd' | 'month' | 'level';
  readonly previous: Decimal;
  readonly revised: Decimal;
  /** Local time of the revising load, `YYYY-MM-DD HH:MM`. */
  readonly revisedAt: string;
}

export interface ReportData {
  /** The report month; `year` and `month` are its parts. */
  readonly period: Period;
  readonly year: number;
  readonly month: number;
  /** The region the bulletin is about (the city) and the regions it is made of. */
  readonly city: ReportRegion;
  readonly districts: readonly ReportRegion[];
  /** In catalogue order. */
  readonly indicators: readonly ReportIndicator[];
  /** Indicators with a city target for a window covering the report year. */
  readonly targetedIndicatorCodes: readonly string[];
  /** Those city targets (so a target shows even in a month without a figure). */
  readonly cityTargets: readonly CityTarget[];
  /** Report month, city and districts. */
  readonly observations: readonly ObservationFigure[];
  /** City figures that would be a roll-up of only some districts: not published, named instead. */
  readonly partialCity: readonly { readonly indicatorCode: string; readonly regionsReported: number }[];
  /** Report month, city and districts, every covering target window. */
  readonly completions: readonly CompletionFigure[];
  /** City, months 1…N of the report year, every covering window (for 提前完成 and the YTD charts). */
  readonly cityHistory: readonly CompletionFigure[];
  /**
   * The province's figures (省下达) of windows that also carry the city's own target (市定), which
   * stays the primary figure in `completions`: report month, city and districts. Where a window has
   * only a 省下达 target, that one is in `completions` instead.
   */
  readonly provincialCompletions: readonly CompletionFigure[];
  /** Those of the city, months 1…N (for 提前完成省下达任务). */
  readonly provincialCityHistory: readonly CompletionFigure[];
  readonly submissions: readonly SubmissionStatus[];
  readonly warnings: readonly WarningItem[];
  readonly revisions: readonly RevisionItem[];
  /** 审核 findings of the month (errors and warnings) counted per district, for the bulletin's pointer line. */
  readonly findingCount: number;
  /** Latest load time of any current value (local `YYYY-MM-DD HH:MM`), null on an empty warehouse. */
  readonly dataAsOf: string | null;
  /** Last day (local, `YYYY-MM-DD`) returns for the month were due; later ones are late. */
  readonly deadline: string;
  /**
   * Issue day of the previous bulletin (`YYYY-MM-DD`): the previous month's due day. Figures
   * changed after it are listed as revised.
   */
  readonly previousIssue: string;
}
