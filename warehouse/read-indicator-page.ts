/**
 * An indicator's page: its monthly series in one year for the city and every district (from
 * `observation`, with 同比 from `comparison`), the city's target and 时序进度
 * for the year (from `completion`), and the districts ranked by completion in the chosen month.
 */
import { periodYear, type Period } from '../core/period.ts';
import type { CompletionCell } from './completion-cell.ts';
import type { RowReader } from './row-reader.ts';
import { PROGRESS_INDICATOR_COLUMNS, type ProgressIndicator } from './progress-indicator.ts';

/** One month of one region's series. */
export interface SeriesPoint {
  readonly regionCode: string;
  /** `YYYY-MM` */
  readonly month: Period;
  /** The published figure: YTD for flows, level for stocks, rate for ratios and rates. */
  readonly value: string;
  readonly monthValue: string | null;
  /** 同比 from `comparison`: value − the same month a year earlier (base unit, or 个百分点 for rates). */
  readonly yoyChange: string | null;
  /** 同比增长率 in percent (null for ratios and rates, or without the previous year). */
  readonly yoyChangePct: string | null;
}

/** The city's progress in one month against the window ranked on. */
export interface SchedulePoint {
  /** `YYYY-MM` */
  readonly month: Period;
  readonly targetValue: string;
  readonly schedulePct: string | null;
  readonly completionPct: string | null;
}

/** A district's place in the ranking. */
export interface RankingRow extends CompletionCell {
  readonly regionCode: string;
  readonly nameZh: string;
}

/** Everything the indicator page shows. */
export interface IndicatorPage {
  readonly indicator: ProgressIndicator;
  readonly year: number;
  /** `YYYY-MM`: the month ranked (the latest with data unless chosen). */
  readonly month: Period | null;
  readonly months: readonly Period[];
  /** The target window ranked and charted (`start_year`–`end_year`), if any covers the year. */
  readonly window: { readonly startYear: number; readonly endYear: number } | null;
  readonly regions: ReadonlyArray<{ readonly code: string; readonly nameZh: string; readonly level: string }>;
  readonly series: readonly SeriesPoint[];
  readonly citySchedule: readonly SchedulePoint[];
  readonly ranking: readonly RankingRow[];
}

/** Read the page of `code` for the month `month` (`YYYY-MM`, else the latest); null for an unknown indicator. */
export async function readIndicatorPage(
  reader: RowReader,
  code: string,
  month?: Period,
): Promise<IndicatorPage | null> {
  const [indicator] = await reader.rows<ProgressIndicator>(
    `SELECT ${PROGRESS_INDICATOR_COLUMNS} FROM indicator i WHERE i.indicator_code = $1`,
    [code],
  );
  if (!indicator) return null;
  // The views are derived on every read; one pass each into session tables serves the page's queries.
  await reader.rows(
    `CREATE TEMP TABLE indicator_observation AS SELECT * FROM observation WHERE indicator_code = $1`,
    [code],
  );
  await reader.rows(
    `CREATE TEMP TABLE indicator_completion AS SELECT * FROM completion WHERE indicator_code = $1`,
    [code],
  );
  const months = (
    await reader.rows<{ month: Period }>(
      `SELECT DISTINCT strftime(period, '%Y-%m') AS month FROM indicator_observation ORDER BY month DESC`,
    )
  ).map((r) => r.month);
  const chosen = month && months.includes(month) ? month : (months[0] ?? null);
  const shown = chosen ?? month;
  const year = shown ? periodYear(shown) : 0;
  const regions = await reader.rows<IndicatorPage['regions'][number]>(
    `SELECT region_code AS code, name_zh AS "nameZh", level FROM region WHERE level IN ('city', 'district')
     ORDER BY level = 'district', region_code`,
  );
  const series = await reader.rows<SeriesPoint>(
    `SELECT o.region_code AS "regionCode", strftime(o.period, '%Y-%m') AS month, o.ytd_value AS value,
       o.month_value AS "monthValue", y.change AS "yoyChange", y.change_pct AS "yoyChangePct"
     FROM indicator_observation o
     LEFT JOIN (SELECT * FROM comparison WHERE indicator_code = $1) y USING (region_code, period)
     WHERE year(o.period) = $2
     ORDER BY o.region_code, o.period`,
    [code, year],
  );
  // The window ranked and charted: the year's own target first, else the shortest window covering it.
  const [window] = await reader.rows<NonNullable<IndicatorPage['window']>>(
    `SELECT start_year AS "startYear", end_year AS "endYear" FROM target
     WHERE indicator_code = $1 AND start_year <= $2 AND end_year >= $2
     GROUP BY start_year, end_year ORDER BY end_year - start_year, start_year LIMIT 1`,
    [code, year],
  );
  const citySchedule = window
    ? await reader.rows<SchedulePoint>(
        `SELECT strftime(c.period, '%Y-%m') AS month, c.target_value AS "targetValue",
           c.schedule_pct AS "schedulePct", c.completion_pct AS "completionPct"
         FROM indicator_completion c JOIN region r USING (region_code)
         WHERE r.level = 'city' AND year(c.period) = $1 AND c.start_year = $2 AND c.end_year = $3
         -- One target per month where a 省下达 and a 市定 one both exist: the first issuer in order.
         QUALIFY row_number() OVER (PARTITION BY c.period ORDER BY c.issuer NULLS FIRST) = 1
         ORDER BY c.period`,
        [year, window.startYear, window.endYear],
      )
    : [];
  const ranking =
    window && chosen
      ? await reader.rows<RankingRow>(
          `SELECT c.region_code AS "regionCode", r.name_zh AS "nameZh", c.actual, c.target_value AS "targetValue",
             c.completion_pct AS "completionPct", c.schedule_pct AS "schedulePct", c.ahead_pp AS "aheadPp", c.met,
             c.period >= c.due_period AS due
           FROM indicator_completion c JOIN region r USING (region_code)
           WHERE r.level = 'district' AND c.period = CAST($1 AS DATE) AND c.start_year = $2 AND c.end_year = $3
           QUALIFY row_number() OVER (PARTITION BY c.region_code ORDER BY c.issuer NULLS FIRST) = 1
           ORDER BY coalesce(c.completion_pct, c.ahead_pp) DESC NULLS LAST, c.region_code`,
          [`${chosen}-01`, window.startYear, window.endYear],
        )
      : [];
  return {
    indicator,
    year,
    month: chosen,
    months,
    window: window ?? null,
    regions,
    series,
    citySchedule,
    ranking,
  };
}
