/**
 * Every query a monthly report runs, in one place: reads the public views (indicator, region,
 * observation, completion, submission, quality_finding) and fact_value history as rows, which
 * `loadReportData` (reports/) shapes into `ReportData`. Values are bound as parameters.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { firstDay, periodMonth, periodYear, type Period } from '../core/period.ts';

/** A row as DuckDB gives it in JSON-safe form (DECIMALs as exact strings). */
export type ReportRow = Record<string, unknown>;

/** What a month's report is read from. */
export interface ReportMonthQuery {
  readonly period: Period;
  /** Time zone of local times (config `timezone`). */
  readonly timezone: string;
  /** Local midnight (`YYYY-MM-DD 00:00:00`) from which a return of the month is late. */
  readonly lateFrom: string;
  /** Local midnight of the previous bulletin's issue: figures changed after it are revisions. */
  readonly previousIssueAt: string;
}

/** The month's rows, by what they are; `cityCode` is the region the report is about. */
export interface ReportMonthRows {
  readonly cityCode: string;
  /** region_code, name_zh, parent_code, level — every region. */
  readonly regions: readonly ReportRow[];
  /** dim_indicator in catalogue order. */
  readonly indicators: readonly ReportRow[];
  /** The city's targets of windows covering the year, the preferred issuer of each window first. */
  readonly cityTargets: readonly ReportRow[];
  /** observation of the month, city and districts, with a YTD figure. */
  readonly observations: readonly ReportRow[];
  /** completion rows of months 1…N of the year, city and districts, 市定 before 省下达 per window. */
  readonly completions: readonly ReportRow[];
  /** submission_file of the month with local receipt time and whether it came in time. */
  readonly received: readonly ReportRow[];
  /** Distinct warnings of the month. */
  readonly warnings: readonly ReportRow[];
  /** Values of earlier months changed since the previous issue. */
  readonly revisions: readonly ReportRow[];
  readonly findingCount: number;
  /** Latest load time of any current value (local `YYYY-MM-DD HH:MM`), null on an empty warehouse. */
  readonly dataAsOf: string | null;
}

/** Read one month's rows (current values, or a vintage set up by the caller with `withVintage`). */
export async function readReportMonth(
  connection: DuckDBConnection,
  query: ReportMonthQuery,
): Promise<ReportMonthRows> {
  const year = periodYear(query.period);
  const month = periodMonth(query.period);
  const tz = query.timezone;
  const periodDate = firstDay(query.period);
  const deadline = query.lateFrom;
  const previousIssue = query.previousIssueAt;
  const rows = async (sql: string, params: unknown[] = []): Promise<ReportRow[]> =>
    (await connection.runAndReadAll(sql, params as never)).getRowObjectsJson() as ReportRow[];

  const regions = await rows(
    `SELECT region_code, name_zh, parent_code, level FROM region ORDER BY region_code`,
  );
  const cityRow = regions.find((r) => r.level === 'city') ?? regions.find((r) => r.level === 'province');
  if (!cityRow) throw new Error('the warehouse has no city or province region');
  const cityCode = String(cityRow.region_code);

  // dim_indicator is written in catalogue order; rowid keeps the bulletin in that order.
  const indicators = await rows(
    `SELECT indicator_code, name_zh, category, kind, unit, display_unit, direction, numerator_code, denominator_code,
         base_code, CAST(schedule_profile AS DOUBLE[]) AS schedule_profile
       FROM dim_indicator ORDER BY rowid`,
  );
  // One target per window: the city's own plan (市定) where it has one, else the province's (省下达).
  const cityTargets = await rows(
    `SELECT indicator_code, start_year, end_year, target_value FROM target
       WHERE region_code = $1 AND $2 BETWEEN start_year AND end_year
       ORDER BY indicator_code, start_year <> end_year, start_year, end_year, issuer <> '市定'`,
    [cityCode, year],
  );
  // A month whose YTD cannot be derived (its earlier months missing) has no figure to print.
  const observations = await rows(
    `SELECT indicator_code, region_code, ytd_value, month_value, origin, regions_reported FROM observation
       WHERE period = CAST($1 AS DATE) AND ytd_value IS NOT NULL AND region_code IN (SELECT region_code FROM region WHERE region_code = $2 OR parent_code = $2)
       ORDER BY indicator_code, region_code`,
    [periodDate, cityCode],
  );
  const completions = await rows(
    `SELECT indicator_code, region_code, month(period) AS m, start_year, end_year, actual, target_value,
       completion_pct, schedule_pct, ahead_pp, met, issuer, CAST(due_period AS VARCHAR) AS due
     FROM completion
     WHERE year(period) = $1 AND month(period) <= $2 AND region_code IN (SELECT region_code FROM region WHERE region_code = $3 OR parent_code = $3)
     ORDER BY indicator_code, region_code, period, start_year, end_year, issuer <> '市定'`,
    [year, month, cityCode],
  );
  const received = await rows(
    `SELECT region_code, status, source_file, strftime(timezone($2, received_at), '%Y-%m-%d %H:%M') AS received_local,
       timezone($2, received_at) < CAST($3 AS TIMESTAMP) AS on_time
     FROM submission_file WHERE period = CAST($1 AS DATE)
     ORDER BY region_code, received_at, source_file`,
    [periodDate, tz, deadline],
  );
  const warnings = await rows(
    `SELECT DISTINCT region_code, indicator_code, rule, message FROM quality_finding
       WHERE severity = 'warning' AND period = CAST($1 AS DATE)
       ORDER BY region_code NULLS FIRST, indicator_code NULLS FIRST, rule, message`,
    [periodDate],
  );
  // A revision: the value current at the previous issue differs from the value current now, for a
  // month already published then. Superseded rows keep the history (SPEC §8).
  const revisions = await rows(
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
  );
  const [findings] = await rows(`SELECT count(*) AS n FROM quality_finding WHERE period = CAST($1 AS DATE)`, [
    periodDate,
  ]);
  const [asOf] = await rows(
    `SELECT strftime(timezone($1, max(loaded_at)), '%Y-%m-%d %H:%M') AS t FROM fact_value WHERE superseded_at IS NULL`,
    [tz],
  );
  return {
    cityCode,
    regions,
    indicators,
    cityTargets,
    observations,
    completions,
    received,
    warnings,
    revisions,
    findingCount: Number(findings?.n ?? 0),
    dataAsOf: asOf?.t === null || asOf?.t === undefined ? null : String(asOf.t),
  };
}
