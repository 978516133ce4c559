/**
 * Every query a monthly report runs, in one place: reads the public views (indicator, region,
 * observation, completion, submission, quality_finding) and fact_value history into `ReportData`.
 */
import { DEFAULT_TIMEZONE } from '../core/config.ts';
import { firstDay, periodMonth, periodOfDate, periodYear, type Period } from '../core/period.ts';
import { Decimal } from 'decimal.js';
import type { DuckDBConnection } from '@duckdb/node-api';
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

type Row = Record<string, unknown>;

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
  const periodDate = firstDay(options.period);
  const deadline = localMidnight(year, month + 1, deadlineDay + 1);
  const previousIssue = localMidnight(year, month, deadlineDay + 1);
  const rows = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await connection.runAndReadAll(sql, params as never)).getRowObjectsJson() as Row[];

  const regions = await rows(
    `SELECT region_code, name_zh, parent_code, level FROM region ORDER BY region_code`,
  );
  const cityRow = regions.find((r) => r.level === 'city') ?? regions.find((r) => r.level === 'province');
  if (!cityRow) throw new Error('the warehouse has no city or province region');
  const cityCode = String(cityRow.region_code);
  const city = { code: cityCode, nameZh: String(cityRow.name_zh) };
  const districts = regions
    .filter((r) => r.parent_code === cityCode)
    .map((r) => ({ code: String(r.region_code), nameZh: String(r.name_zh) }));

  // dim_indicator is written in catalogue order; rowid keeps the bulletin in that order.
  const indicators = (
    await rows(
      `SELECT indicator_code, name_zh, category, kind, unit, display_unit, direction, numerator_code, denominator_code,
         base_code, CAST(schedule_profile AS DOUBLE[]) AS schedule_profile
       FROM dim_indicator ORDER BY rowid`,
    )
  ).map((r) => ({
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

  const cityTargets = (
    await rows(
      // One target per window: the city's own plan (市定) where it has one, else the province's (省下达).
      `SELECT indicator_code, start_year, end_year, target_value FROM target
       WHERE region_code = $1 AND $2 BETWEEN start_year AND end_year
       ORDER BY indicator_code, start_year <> end_year, start_year, end_year, issuer <> '市定'`,
      [cityCode, year],
    )
  )
    .filter(firstPerKey((r) => `${r.indicator_code}|${r.start_year}|${r.end_year}`))
    .map((r) => ({
      indicatorCode: String(r.indicator_code),
      startYear: Number(r.start_year),
      endYear: Number(r.end_year),
      target: new Decimal(String(r.target_value)),
    }));
  const targetedIndicatorCodes = [...new Set(cityTargets.map((t) => t.indicatorCode))];

  const allObservations = (
    await rows(
      // A month whose YTD cannot be derived (its earlier months missing) has no figure to print.
      `SELECT indicator_code, region_code, ytd_value, month_value, origin, regions_reported FROM observation
       WHERE period = CAST($1 AS DATE) AND ytd_value IS NOT NULL AND region_code IN (SELECT region_code FROM region WHERE region_code = $2 OR parent_code = $2)
       ORDER BY indicator_code, region_code`,
      [periodDate, cityCode],
    )
  ).map((r) => ({
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
  const completionRows = await rows(
    `SELECT indicator_code, region_code, month(period) AS m, start_year, end_year, actual, target_value,
       completion_pct, schedule_pct, ahead_pp, met, issuer, CAST(due_period AS VARCHAR) AS due
     FROM completion
     WHERE year(period) = $1 AND month(period) <= $2 AND region_code IN (SELECT region_code FROM region WHERE region_code = $3 OR parent_code = $3)
     ORDER BY indicator_code, region_code, period, start_year, end_year, issuer <> '市定'`,
    [year, month, cityCode],
  );
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

  const received = await rows(
    `SELECT region_code, status, source_file, strftime(timezone($2, received_at), '%Y-%m-%d %H:%M') AS received_local,
       timezone($2, received_at) < CAST($3 AS TIMESTAMP) AS on_time
     FROM submission_file WHERE period = CAST($1 AS DATE)
     ORDER BY region_code, received_at, source_file`,
    [periodDate, tz, deadline],
  );
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

  const warnings: WarningItem[] = (
    await rows(
      `SELECT DISTINCT region_code, indicator_code, rule, message FROM quality_finding
       WHERE severity = 'warning' AND period = CAST($1 AS DATE)
       ORDER BY region_code NULLS FIRST, indicator_code NULLS FIRST, rule, message`,
      [periodDate],
    )
  ).map((r) => ({
    regionCode: str(r.region_code),
    indicatorCode: str(r.indicator_code),
    rule: String(r.rule),
    message: String(r.message),
  }));

  // A revision: the value current at the previous issue differs from the value current now, for a
  // month already published then. Superseded rows keep the history (SPEC §8).
  const revisions: RevisionItem[] = (
    await rows(
      `WITH since AS (SELECT CAST($2 AS TIMESTAMP) AS t),
       before AS (
         SELECT f.* FROM fact_value f, since
         WHERE timezone($3, f.loaded_at) < since.t
           AND (f.superseded_at IS NULL OR timezone($3, f.superseded_at) >= since.t)),
       now AS (SELECT * FROM fact_value WHERE superseded_at IS NULL)
       SELECT n.indicator_code, n.region_code, strftime(n.period, '%Y-%m') AS period, n.measure,
         b.value AS previous, n.value AS revised,
         strftime(timezone($3, n.loaded_at), '%Y-%m-%d %H:%M') AS revised_at
       FROM before b JOIN now n USING (indicator_code, region_code, period, measure, source_kind), since
       WHERE n.period < CAST($1 AS DATE) AND timezone($3, n.loaded_at) >= since.t AND b.value <> n.value
         AND n.region_code IN (SELECT region_code FROM region WHERE region_code = $4 OR parent_code = $4)
       ORDER BY n.period, n.indicator_code, n.region_code, n.measure, n.source_kind`,
      [periodDate, previousIssue, tz, cityCode],
    )
  ).map((r) => ({
    indicatorCode: String(r.indicator_code),
    regionCode: String(r.region_code),
    period: String(r.period),
    measure: r.measure as RevisionItem['measure'],
    previous: new Decimal(String(r.previous)),
    revised: new Decimal(String(r.revised)),
    revisedAt: String(r.revised_at),
  }));

  const [findings] = await rows(`SELECT count(*) AS n FROM quality_finding WHERE period = CAST($1 AS DATE)`, [
    periodDate,
  ]);

  const [asOf] = await rows(
    `SELECT strftime(timezone($1, max(loaded_at)), '%Y-%m-%d %H:%M') AS t FROM fact_value WHERE superseded_at IS NULL`,
    [tz],
  );

  return {
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
    findingCount: Number(findings?.n ?? 0),
    dataAsOf: str(asOf?.t),
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
