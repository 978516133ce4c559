/**
 * 完成进度: the `completion` view for one month as indicators × regions (the city, then its
 * districts), for one target window (the year, or a multi-year plan such as 2021–2023), optionally
 * one category and one issuer (省下达 / 市定, where the warehouse has the `issuer` column).
 */
import { periodYear, type Period } from '../core/period.ts';
import type { CompletionCell } from './completion-cell.ts';
import type { RowReader } from './row-reader.ts';
import { PROGRESS_INDICATOR_COLUMNS, type ProgressIndicator } from './progress-indicator.ts';

/** What the page is filtered by; validated by the route before it gets here. */
export interface ProgressFilter {
  /** `YYYY-MM`; the latest month with completion rows when absent. */
  readonly month?: Period;
  readonly category?: string;
  readonly issuer?: string;
  /** `annual` (the month's year) or `YYYY-YYYY`. */
  readonly window: string;
}

/** One `completion` row, exact decimals as strings. */
export interface ProgressCell extends CompletionCell {
  readonly indicatorCode: string;
  /** 省下达 / 市定, or null where the warehouse has no issuer. */
  readonly issuer: string | null;
  readonly regionCode: string;
}

/** The grid and the choices its filters offer. */
export interface ProgressGrid {
  readonly month: Period | null;
  readonly months: readonly Period[];
  readonly categories: readonly string[];
  /** Issuers present for the month; empty when the warehouse has no `issuer` column. */
  readonly issuers: readonly string[];
  /** Multi-year windows (`YYYY-YYYY`) covering the month. */
  readonly windows: readonly string[];
  readonly regions: ReadonlyArray<{ readonly code: string; readonly nameZh: string }>;
  /** One row per indicator and issuer (a 省下达 and a 市定 target are tracked side by side). */
  readonly rows: ReadonlyArray<{ readonly indicator: ProgressIndicator; readonly issuer: string | null }>;
  readonly cells: readonly ProgressCell[];
}

/** Whether the published `completion` view carries the issuer column (added by a later migration). */
export async function completionHasIssuer(reader: RowReader): Promise<boolean> {
  const [row] = await reader.rows<{ n: number }>(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_columns()
     WHERE table_name = 'completion' AND column_name = 'issuer'`,
  );
  return (row?.n ?? 0) > 0;
}

/** Read the grid for `filter`. */
export async function readProgressGrid(reader: RowReader, filter: ProgressFilter): Promise<ProgressGrid> {
  // The view is derived on every read; one pass into a session table serves the page's queries.
  const hasIssuer = await completionHasIssuer(reader);
  await reader.rows(
    `CREATE TEMP TABLE month_completion AS
     SELECT *, ${hasIssuer ? 'issuer' : 'CAST(NULL AS VARCHAR)'} AS board_issuer,
       period >= ${hasIssuer ? 'due_period' : 'make_date(end_year, 12, 1)'} AS due
     FROM completion`,
  );
  const months = (
    await reader.rows<{ month: Period }>(
      `SELECT DISTINCT strftime(period, '%Y-%m') AS month FROM month_completion ORDER BY month DESC`,
    )
  ).map((r) => r.month);
  const month = filter.month && months.includes(filter.month) ? filter.month : (months[0] ?? null);
  const categories = (
    await reader.rows<{ category: string }>(
      // Catalogue order: the order the indicators were loaded in.
      `SELECT category FROM (SELECT category, row_number() OVER () AS n FROM indicator)
       GROUP BY category ORDER BY min(n)`,
    )
  ).map((r) => r.category);
  const regions = await reader.rows<ProgressGrid['regions'][number]>(
    `SELECT region_code AS code, name_zh AS "nameZh" FROM region WHERE level IN ('city', 'district')
     ORDER BY level = 'district', region_code`,
  );
  if (!month) return { month, months, categories, issuers: [], windows: [], regions, rows: [], cells: [] };

  const period = `${month}-01`;
  const issuers = hasIssuer
    ? (
        await reader.rows<{ issuer: string }>(
          `SELECT DISTINCT board_issuer AS issuer FROM month_completion
           WHERE period = CAST($1 AS DATE) AND board_issuer IS NOT NULL ORDER BY issuer`,
          [period],
        )
      ).map((r) => r.issuer)
    : [];
  const windows = (
    await reader.rows<{ w: string }>(
      `SELECT DISTINCT start_year || '-' || end_year AS w FROM month_completion
       WHERE period = CAST($1 AS DATE) AND start_year <> end_year ORDER BY w`,
      [period],
    )
  ).map((r) => r.w);
  const year = periodYear(month);
  const [startYear, endYear] =
    filter.window === 'annual' ? [year, year] : filter.window.split('-').map(Number);
  const issuer = hasIssuer && filter.issuer && issuers.includes(filter.issuer) ? filter.issuer : null;
  const rows = await reader.rows<ProgressIndicator & ProgressCell>(
    `SELECT ${PROGRESS_INDICATOR_COLUMNS}, c.indicator_code AS "indicatorCode", c.board_issuer AS issuer,
       c.region_code AS "regionCode", c.actual, c.target_value AS "targetValue", c.completion_pct AS "completionPct",
       c.schedule_pct AS "schedulePct", c.ahead_pp AS "aheadPp", c.met, c.due
     FROM month_completion c JOIN (SELECT *, row_number() OVER () AS n FROM indicator) i USING (indicator_code)
     WHERE c.period = CAST($1 AS DATE) AND c.start_year = $2 AND c.end_year = $3
       AND ($4 IS NULL OR i.category = $4)
       AND ($5 IS NULL OR c.board_issuer = $5)
     ORDER BY i.n, c.board_issuer, c.region_code`,
    [period, startYear ?? year, endYear ?? year, filter.category ?? null, issuer],
  );
  const rowsByKey = new Map<string, { indicator: ProgressIndicator; issuer: string | null }>();
  const cells = rows.map(
    ({ code, nameZh, category, kind, unit, displayUnit, direction, ...cell }): ProgressCell => {
      rowsByKey.set(`${code}|${cell.issuer ?? ''}`, {
        indicator: { code, nameZh, category, kind, unit, displayUnit, direction },
        issuer: cell.issuer,
      });
      return cell;
    },
  );
  return { month, months, categories, issuers, windows, regions, rows: [...rowsByKey.values()], cells };
}
