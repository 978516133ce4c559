/**
 * 审核: the current findings (`quality_finding`) filtered by month, district, rule and severity, with the
 * choices the filters offer. Filters are bound as parameters; an empty one means "all".
 */
import type { Period } from '../core/period.ts';
import type { RowReader } from './row-reader.ts';

/** The filters; each absent or one value. */
export interface FindingFilter {
  /** `YYYY-MM` */
  readonly month?: Period;
  readonly region?: string;
  readonly rule?: string;
  readonly severity?: string;
}

/** One current finding. */
export interface FindingRow {
  readonly severity: string;
  readonly rule: string;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  /** `YYYY-MM` */
  readonly month: Period | null;
  readonly indicatorCode: string | null;
  readonly indicatorName: string | null;
  readonly message: string;
  readonly location: string | null;
}

/** The findings and the filter choices. */
export interface FindingList {
  readonly rows: readonly FindingRow[];
  readonly regions: ReadonlyArray<{ readonly code: string; readonly nameZh: string }>;
  readonly rules: readonly string[];
  /** Months with findings, newest first (`YYYY-MM`). */
  readonly months: readonly Period[];
  readonly total: number;
}

/** Read the current findings matching `filter`, errors first, newest month first. */
export async function readFindings(reader: RowReader, filter: FindingFilter): Promise<FindingList> {
  const rows = await reader.rows<{
    severity: string;
    rule: string;
    region_code: string | null;
    region_name: string | null;
    month: Period | null;
    indicator_code: string | null;
    indicator_name: string | null;
    message: string;
    location: string | null;
  }>(
    `SELECT q.severity, q.rule, q.region_code, r.name_zh AS region_name, strftime(q.period, '%Y-%m') AS month,
       q.indicator_code, i.name_zh AS indicator_name, q.message, q.location
     FROM quality_finding q
     LEFT JOIN region r USING (region_code) LEFT JOIN indicator i USING (indicator_code)
     WHERE ($1 IS NULL OR q.region_code = $1) AND ($2 IS NULL OR q.rule = $2) AND ($3 IS NULL OR q.severity = $3)
       AND ($4 IS NULL OR strftime(q.period, '%Y-%m') = $4)
     ORDER BY q.severity = 'warning', q.period DESC NULLS LAST, q.region_code, q.rule, q.indicator_code, q.message`,
    [filter.region ?? null, filter.rule ?? null, filter.severity ?? null, filter.month ?? null],
  );
  const months = await reader.rows<{ month: Period }>(
    `SELECT DISTINCT strftime(period, '%Y-%m') AS month FROM quality_finding WHERE period IS NOT NULL
     ORDER BY month DESC`,
  );
  const regions = await reader.rows<{ region_code: string; name_zh: string }>(
    `SELECT region_code, name_zh FROM region WHERE level IN ('city', 'district') ORDER BY level = 'district', region_code`,
  );
  const rules = await reader.rows<{ rule: string }>(
    `SELECT DISTINCT rule FROM quality_finding ORDER BY rule`,
  );
  const [count] = await reader.rows<{ n: number }>(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM quality_finding`,
  );
  return {
    rows: rows.map((r) => ({
      severity: r.severity,
      rule: r.rule,
      regionCode: r.region_code,
      regionName: r.region_name,
      month: r.month,
      indicatorCode: r.indicator_code,
      indicatorName: r.indicator_name,
      message: r.message,
      location: r.location,
    })),
    regions: regions.map((r) => ({ code: r.region_code, nameZh: r.name_zh })),
    months: months.map((m) => m.month),
    rules: rules.map((r) => r.rule),
    total: count?.n ?? 0,
  };
}
