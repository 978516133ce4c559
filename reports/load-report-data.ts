/**
 * A month's `ReportData`, shaped from the rows `readReportMonth` (warehouse/) reads: exact decimals,
 * the preferred target of each window, partial roll-ups set aside, submission states.
 */
import { DEFAULT_TIMEZONE } from '../core/config.ts';
import { periodMonth, periodOfDate, periodYear, type Period } from '../core/period.ts';
import { Decimal } from 'decimal.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readReportMonth, type ReportRow as Row } from '../warehouse/read-report-month.ts';
import type { Direction, IndicatorKind } from '../catalogue/catalogue.ts';
import type { CompletionFigure } from '../figures/completion-figure.ts';
import type {
  ObservationFigure,
  ReportData,
  RevisionItem,
  SubmissionState,
  SubmissionStatus,
  WarningItem,
} from './report-data.ts';

export interface LoadReportOptions {
  /** Report month, `YYYY-MM`. */
  readonly period: Period;
  /** Day of the following month by which returns are due (config `deadline_day`). */
  readonly deadlineDay?: number;
  /** Time zone of local times (config `timezone`). */
  readonly timezone?: string;
}

/** A due period as the year and month a window is judged in. */
const dueOf = (p: Period) => ({ year: periodYear(p), month: periodMonth(p) });

const dec = (v: unknown): Decimal | null => (v === null || v === undefined ? null : new Decimal(String(v)));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Local midnight of a day as `YYYY-MM-DD 00:00:00`; month may run past 12. */
function localMidnight(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.toISOString().slice(0, 10)} 00:00:00`;
}

/** Read one month's report data from the warehouse (current values, or a vintage set up by the caller). */
export async function loadReportData(
  connection: DuckDBConnection,
  options: LoadReportOptions,
): Promise<ReportData> {
  const year = periodYear(options.period);
  const month = periodMonth(options.period);
  const tz = options.timezone ?? DEFAULT_TIMEZONE;
  const deadlineDay = options.deadlineDay ?? 5;
  const read = await readReportMonth(connection, {
    period: options.period,
    timezone: tz,
    lateFrom: localMidnight(year, month + 1, deadlineDay + 1),
    previousIssueAt: localMidnight(year, month, deadlineDay + 1),
  });
  const { regions, cityCode } = read;

  const cityRow = regions.find((r) => r.region_code === cityCode)!;
  const city = { code: cityCode, nameZh: String(cityRow.name_zh) };
  const districts = regions
    .filter((r) => r.parent_code === cityCode)
    .map((r) => ({ code: String(r.region_code), nameZh: String(r.name_zh) }));

  const indicators = read.indicators.map((r) => ({
    code: String(r.indicator_code),
    nameZh: String(r.name_zh),
    category: String(r.category),
    kind: r.kind as IndicatorKind,
    unit: String(r.unit),
    displayUnit: String(r.display_unit),
    direction: r.direction as Direction,
    numeratorCode: str(r.numerator_code),
    denominatorCode: str(r.denominator_code),
    baseCode: str(r.base_code),
    scheduleProfile: Array.isArray(r.schedule_profile) ? r.schedule_profile.map(Number) : null,
  }));

  const cityTargets = read.cityTargets
    .filter(firstPerKey((r) => `${r.indicator_code}|${r.start_year}|${r.end_year}`))
    .map((r) => ({
      indicatorCode: String(r.indicator_code),
      startYear: Number(r.start_year),
      endYear: Number(r.end_year),
      target: new Decimal(String(r.target_value)),
    }));
  const targetedIndicatorCodes = [...new Set(cityTargets.map((t) => t.indicatorCode))];

  const allObservations = read.observations.map((r) => ({
    indicatorCode: String(r.indicator_code),
    regionCode: String(r.region_code),
    value: new Decimal(String(r.ytd_value)),
    monthValue: dec(r.month_value),
    origin: String(r.origin),
    regionsReported: r.regions_reported === null ? null : Number(r.regions_reported),
  }));
  // A roll-up of only some districts is never the city's figure (SPEC §2): it leaves the figures and
  // is named in the submission section instead.
  const isPartialCity = (o: ObservationFigure) =>
    o.regionCode === cityCode &&
    o.origin === 'rolled_up' &&
    o.regionsReported !== null &&
    o.regionsReported < regions.filter((r) => r.parent_code === cityCode).length;
  const observations = allObservations.filter((o) => !isPartialCity(o));
  const partialCity = allObservations
    .filter(isPartialCity)
    .map((o) => ({ indicatorCode: o.indicatorCode, regionsReported: o.regionsReported! }));

  // One completion per window, as for the targets: 市定 where the city set one, else 省下达 (worded as
  // such). A 省下达 row of a window that also has a 市定 one is kept beside it: both are reported (SPEC §3).
  const completionRows = read.completions;
  const primaryRows = new Map<string, Row>();
  const provincialRows: Row[] = [];
  for (const r of completionRows) {
    const key = `${r.indicator_code}|${r.region_code}|${r.m}|${r.start_year}|${r.end_year}`;
    const primary = primaryRows.get(key);
    if (!primary) primaryRows.set(key, r);
    else if (primary.issuer === '市定' && r.issuer === '省下达') provincialRows.push(r);
  }
  const toFigure = (r: Row): CompletionFigure => ({
    indicatorCode: String(r.indicator_code),
    regionCode: String(r.region_code),
    month: Number(r.m),
    startYear: Number(r.start_year),
    endYear: Number(r.end_year),
    actual: dec(r.actual),
    target: new Decimal(String(r.target_value)),
    completionPct: dec(r.completion_pct),
    schedulePct: dec(r.schedule_pct),
    aheadPp: dec(r.ahead_pp),
    met: r.met === null || r.met === undefined ? null : Boolean(r.met),
    issuer: str(r.issuer),
    due: r.due ? dueOf(periodOfDate(String(r.due))) : null,
  });
  const figures = [...primaryRows.values()].map(toFigure);
  const provincial = provincialRows.map(toFigure);

  const received = read.received;
  const submissions: SubmissionStatus[] = districts.map((d) => {
    const mine = received.filter((r) => r.region_code === d.code);
    const accepted = mine.find((r) => r.status !== 'rejected');
    const state: SubmissionState = accepted
      ? accepted.on_time
        ? 'on_time'
        : 'late'
      : mine.length > 0
        ? 'rejected'
        : 'missing';
    const shown = accepted ?? mine[0];
    return {
      regionCode: d.code,
      state,
      sourceFile: shown ? String(shown.source_file) : null,
      receivedAt: shown ? String(shown.received_local) : null,
    };
  });

  const warnings: WarningItem[] = read.warnings.map((r) => ({
    regionCode: str(r.region_code),
    indicatorCode: str(r.indicator_code),
    rule: String(r.rule),
    message: String(r.message),
  }));

  const revisions: RevisionItem[] = read.revisions.map((r) => ({
    indicatorCode: String(r.indicator_code),
    regionCode: String(r.region_code),
    period: periodOfDate(String(r.period)),
    measure: r.measure as RevisionItem['measure'],
    previous: new Decimal(String(r.previous)),
    revised: new Decimal(String(r.revised)),
    revisedAt: String(r.revised_at),
  }));

  return {
    period: options.period,
    year,
    month,
    city,
    districts,
    indicators,
    targetedIndicatorCodes,
    cityTargets,
    observations,
    partialCity,
    completions: figures.filter((f) => f.month === month),
    cityHistory: figures.filter((f) => f.regionCode === cityCode),
    provincialCompletions: provincial.filter((f) => f.month === month),
    provincialCityHistory: provincial.filter((f) => f.regionCode === cityCode),
    submissions,
    warnings,
    revisions,
    findingCount: read.findingCount,
    dataAsOf: read.dataAsOf,
    deadline: localMidnight(year, month + 1, deadlineDay).slice(0, 10),
    previousIssue: localMidnight(year, month, deadlineDay).slice(0, 10),
  };
}

/** A filter keeping the first row of each key (rows ordered with the preferred one first). */
function firstPerKey(key: (row: Row) => string): (row: Row) => boolean {
  const seen = new Set<string>();
  return (row) => {
    const k = key(row);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
}
