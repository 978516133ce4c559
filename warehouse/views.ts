/**
 * The warehouse's views: the public ones of SPEC §10 and the internal steps that derive them.
 * Each view declares its grain and units in comments that land in DuckDB (`COMMENT ON`), so
 * `select * from duckdb_columns()` documents the warehouse. Values are in base units; rates in percent.
 */

export interface ViewDefinition {
  readonly name: string;
  /** Part of the public contract (SPEC §10): columns only change with a migration note in the README. */
  readonly isPublic: boolean;
  readonly comment: string;
  readonly columns: Readonly<Record<string, string>>;
  readonly sql: string;
}

/**
 * setting_value(key, fallback): a deployment setting recorded in the `setting` table (the deadline
 * day and timezone, written by `recordSettings`), else the fallback.
 * submission_as_of(as_of, deadline_day, through_period, zone): every district expected for every
 * month from the first return received through the latest (or `through_period`), as known at `as_of`.
 * exact_pct(a, b): 100 × a ÷ b as DECIMAL(38,10), computed on integers so that 40.97万 ÷ 40万 is
 * exactly 102.425 (DuckDB's DECIMAL ÷ DECIMAL would go through DOUBLE and round 102.43 to 102.42).
 */
export const MACROS_SQL = `
CREATE OR REPLACE MACRO exact_pct(a, b) AS
  CASE WHEN b IS NULL OR a IS NULL OR CAST(b AS DECIMAL(38, 6)) = 0 THEN NULL
  ELSE CAST(
         CAST(CAST(a AS DECIMAL(38, 6)) * 1000000 AS HUGEINT) * 1000000000000
           // CAST(CAST(b AS DECIMAL(38, 6)) * 1000000 AS HUGEINT)
       AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
  END;

CREATE OR REPLACE MACRO setting_value(setting_key, fallback) AS
  coalesce((SELECT value FROM setting WHERE key = setting_key), fallback);

CREATE OR REPLACE MACRO submission_as_of(as_of, deadline_day, through_period, zone) AS TABLE
  WITH files AS (
    SELECT * FROM source_file
    WHERE source_kind = 'return' AND region_code IS NOT NULL AND period IS NOT NULL AND received_at <= as_of),
  span AS (
    SELECT least(p.first_period, CAST(through_period AS DATE)) AS first_period,
      greatest(p.last_period, CAST(through_period AS DATE)) AS last_period
    FROM (SELECT min(period) AS first_period, max(period) AS last_period FROM files) p),
  months AS (
    SELECT CAST(m AS DATE) AS period
    FROM span, range(CAST(span.first_period AS TIMESTAMP), CAST(span.last_period AS TIMESTAMP) + INTERVAL 1 MONTH,
      INTERVAL 1 MONTH) t(m)),
  expected AS (
    SELECT r.region_code, m.period,
      CAST(CAST(m.period + INTERVAL 1 MONTH AS DATE) + (CAST(deadline_day AS INTEGER) - 1) AS DATE) AS deadline
    FROM months m CROSS JOIN dim_region r WHERE r.level = 'district'),
  accepted AS (
    SELECT region_code, period, count(DISTINCT file_hash) AS returns, min(received_at) AS first_received_at,
      -- A section file that replaced nothing is part of the return, not a revision of it.
      count(DISTINCT file_hash) FILTER (WHERE status = 'revised') AS revisions,
      max(received_at) FILTER (WHERE status = 'revised') AS last_received_at, arg_max(file_name, received_at) AS file_name,
      arg_max(file_hash, received_at) AS file_hash
    FROM files WHERE status <> 'rejected' GROUP BY ALL),
  rejected AS (
    SELECT region_code, period, count(DISTINCT file_hash) AS returns, arg_max(file_name, received_at) AS file_name,
      arg_max(file_hash, received_at) AS file_hash
    FROM files WHERE status = 'rejected' GROUP BY ALL),
  due AS (SELECT e.*, timezone(zone, CAST(e.deadline + 1 AS TIMESTAMP)) AS due_at FROM expected e)
  SELECT d.region_code, d.period, coalesce(a.file_name, j.file_name) AS source_file,
    CASE
      WHEN a.returns IS NULL AND j.returns IS NOT NULL THEN 'rejected'
      WHEN a.returns IS NULL AND as_of >= d.due_at THEN 'missing'
      WHEN a.returns IS NULL THEN 'pending'
      WHEN a.revisions > 0 THEN 'revised'
      WHEN a.first_received_at < d.due_at THEN 'on_time'
      ELSE 'late'
    END AS status,
    a.first_received_at AS received_at, d.deadline, d.due_at,
    a.first_received_at < d.due_at AS on_time,
    as_of >= d.due_at AS overdue,
    CASE WHEN a.revisions > 0 THEN a.last_received_at END AS revised_at,
    coalesce(a.returns, 0) AS returns_loaded, coalesce(j.returns, 0) AS returns_rejected,
    coalesce(a.file_hash, j.file_hash) AS file_hash
  FROM due d
  LEFT JOIN accepted a USING (region_code, period)
  LEFT JOIN rejected j USING (region_code, period);
`;

/**
 * The last step of a cumulative view (flows, net changes): rows of `relation` with their YTD and
 * month — as reported, else YTD − the previous month's YTD (January: the YTD itself).
 */
const MONTH_FROM_YTD = (relation: string, ytd: string, reportedMonth: string) =>
  `SELECT c.indicator_code, c.region_code, c.period, c.source_kind, c.${ytd} AS ytd,
     coalesce(c.${reportedMonth}, CASE WHEN month(c.period) = 1 THEN c.${ytd} ELSE c.${ytd} - p.${ytd} END) AS month,
     CAST(NULL AS DECIMAL(38, 6)) AS level, c.file_hash, c.loaded_at
   FROM ${relation} c LEFT JOIN ${relation} p ON p.indicator_code = c.indicator_code AND p.region_code = c.region_code
     AND p.source_kind = c.source_kind AND p.period = CAST(c.period - INTERVAL 1 MONTH AS DATE)`;

export const VIEWS: readonly ViewDefinition[] = [
  {
    name: 'indicator',
    isPublic: true,
    comment: 'The indicator catalogue: one row per indicator.',
    columns: {
      indicator_code: 'Stable code of the indicator.',
      name_zh: 'Canonical Chinese name (指标名称).',
      category: '就业创业 / 社会保障 / 人才人事 / 劳动关系 / 公共服务.',
      kind: 'flow 累计型 · stock 时点型 · net_change 净增 · ratio 比率 (Σ分子÷Σ分母) · rate 仅全市发布的比率.',
      unit: 'Base unit values are stored in (人, 人次, 个, 家, 户, 件, 次, 元, or % for rates).',
      display_unit: 'Unit used in reports (万人, 亿元, %).',
      direction: 'at_least (…以上, 达到…) or at_most (控制在…以内).',
      parent_code: 'Indicator this one is part of (其中), if any.',
      numerator_code: 'For a ratio: the numerator indicator.',
      denominator_code: 'For a ratio: the denominator indicator.',
      base_code: 'For a net change: the stock it is the change of.',
      authority: 'Source that publishes the value when a district return and a system export both give it.',
    },
    sql: `SELECT indicator_code, name_zh, category, kind, unit, display_unit, direction, parent_code,
            numerator_code, denominator_code, base_code, authority
          FROM dim_indicator`,
  },
  {
    name: 'region',
    isPublic: true,
    comment: 'Regions (GB/T 2260 codes): province, city, districts; one row per region.',
    columns: {
      region_code: '6-digit 行政区划代码.',
      name_zh: 'Official name.',
      parent_code: 'Region this one belongs to.',
      level: 'province, city or district (区/市).',
    },
    sql: `SELECT region_code, name_zh, parent_code, level FROM dim_region`,
  },
  {
    name: 'target',
    isPublic: true,
    comment:
      'Targets per indicator, region and window of years (one row per window; yearly-average targets appear once per year).',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region the target is set for.',
      start_year: 'First year of the window.',
      end_year: 'Last year of the window (equal to start_year for an annual target).',
      target_value: 'Target in the base unit (percent for rates).',
      direction: 'at_least or at_most.',
      basis:
        'annual · yearly (one year of a 年均 figure) · window_total (cumulative over the window; for a 年均 figure, n × the yearly figure) · level_by_end (a level to reach by end_year).',
      source: 'The plan the target comes from.',
      issuer:
        '省下达 (assigned by the province, 省下达任务) or 市定 (the city’s own target). Both are tracked side by side.',
      due_period:
        'Month the target is due (first day of the month): December of end_year unless the plan sets an earlier deadline (seed 004: 6月底前 → June).',
      approximate: 'The plan gives an approximate figure (“100家左右”): progress is tracked, met stays null.',
      overrides:
        'The figure and plan this row replaced, if any (a year-specific figure replacing a 年均 figure for that year).',
      loaded_from:
        'catalogue (the bundled plans) or the target file it was loaded from (kept across kpi init).',
      loaded_at: 'When it was loaded.',
    },
    sql: `SELECT indicator_code, region_code, start_year, end_year, target_value, direction, basis, source, issuer,
            due_period, approximate, overrides, loaded_from, loaded_at
          FROM dim_target`,
  },
  {
    name: 'reported_value',
    isPublic: false,
    comment:
      'Internal step: the current reported value per indicator, region, month, measure and source kind (return or export) — the newest load of each source. Sources are kept apart until one is chosen for the whole observation.',
    columns: {},
    sql: `SELECT f.indicator_code, f.region_code, f.period, f.measure, f.value, f.source_kind, f.file_hash,
            f.sheet, f.cell, f.row_group, f.run_id, f.loaded_at
          FROM fact_value f
          WHERE f.superseded_at IS NULL
          QUALIFY row_number() OVER (
            PARTITION BY f.indicator_code, f.region_code, f.period, f.measure, f.source_kind
            ORDER BY f.loaded_at DESC, f.fact_id DESC) = 1`,
  },
  {
    name: 'obs_reported',
    isPublic: false,
    comment:
      'Internal step: reported measures side by side, one row per indicator, region, month and source kind.',
    columns: {},
    sql: `SELECT indicator_code, region_code, period, source_kind,
            max(value) FILTER (WHERE measure = 'ytd') AS ytd,
            max(value) FILTER (WHERE measure = 'month') AS month,
            max(value) FILTER (WHERE measure = 'level') AS level,
            arg_max(file_hash, (measure <> 'month', loaded_at)) AS file_hash,
            max(loaded_at) AS loaded_at
          FROM reported_value GROUP BY ALL`,
  },
  {
    name: 'obs_flow',
    isPublic: false,
    comment:
      'Internal step: flows per reporting region and source kind, derived within each source. YTD as reported, else the latest reported YTD of the year (or 0 before January) plus every month after it, all present; month as reported, else YTD(N) − YTD(N−1), with YTD(1) = month(1).',
    columns: {},
    sql: `WITH r AS (
            SELECT r.* FROM obs_reported r JOIN dim_indicator i USING (indicator_code) WHERE i.kind = 'flow'),
          anchor AS (
            SELECT a.indicator_code, a.region_code, a.period, a.source_kind,
              max(b.period) FILTER (WHERE b.ytd IS NOT NULL) AS anchor_period
            FROM r a JOIN r b ON b.indicator_code = a.indicator_code AND b.region_code = a.region_code
              AND b.source_kind = a.source_kind AND year(b.period) = year(a.period) AND b.period <= a.period
            GROUP BY ALL),
          months AS (
            SELECT a.indicator_code, a.region_code, a.period, a.source_kind, a.anchor_period,
              sum(c.month) AS month_sum, count(c.month) AS months
            FROM anchor a LEFT JOIN r c ON c.indicator_code = a.indicator_code AND c.region_code = a.region_code
              AND c.source_kind = a.source_kind AND year(c.period) = year(a.period) AND c.period <= a.period
              AND c.period > coalesce(a.anchor_period, make_date(year(a.period) - 1, 12, 1))
            GROUP BY ALL),
          y AS (
            SELECT r.*, coalesce(r.ytd,
              CASE WHEN m.months = month(r.period) - coalesce(month(m.anchor_period), 0)
                THEN coalesce(ap.ytd, 0) + m.month_sum END) AS ytd_derived
            FROM r JOIN months m USING (indicator_code, region_code, period, source_kind)
            LEFT JOIN r ap ON ap.indicator_code = r.indicator_code AND ap.region_code = r.region_code
              AND ap.source_kind = r.source_kind AND ap.period = m.anchor_period)
          ${MONTH_FROM_YTD('y', 'ytd_derived', 'month')}`,
  },
  {
    name: 'obs_stock',
    isPublic: false,
    comment: 'Internal step: stock levels at month end per reporting region and source kind.',
    columns: {},
    sql: `SELECT r.indicator_code, r.region_code, r.period, r.source_kind, CAST(NULL AS DECIMAL(38, 6)) AS ytd,
            CAST(NULL AS DECIMAL(38, 6)) AS month, coalesce(r.level, r.ytd) AS level, r.file_hash, r.loaded_at
          FROM obs_reported r JOIN dim_indicator i USING (indicator_code) WHERE i.kind = 'stock'`,
  },
  {
    name: 'obs_net_change',
    isPublic: false,
    comment:
      'Internal step: net changes per reporting region and source kind — as reported, else the base stock now minus the base stock at the previous December; month = change over the month.',
    columns: {},
    sql: `WITH n AS (SELECT indicator_code, base_code FROM dim_indicator WHERE kind = 'net_change'),
          base AS (SELECT indicator_code AS base_code, region_code, period, source_kind, coalesce(level, ytd) AS level,
                     file_hash, loaded_at
                   FROM obs_reported),
          derived AS (
            SELECT n.indicator_code, b.region_code, b.period, b.source_kind, b.level - d.level AS ytd, b.file_hash, b.loaded_at
            FROM n JOIN base b USING (base_code)
            JOIN base d ON d.base_code = n.base_code AND d.region_code = b.region_code AND d.source_kind = b.source_kind
              AND d.period = make_date(year(b.period) - 1, 12, 1)),
          rep AS (SELECT r.* FROM obs_reported r JOIN n USING (indicator_code)),
          v AS (
            SELECT indicator_code, region_code, period, source_kind,
              coalesce(rep.ytd, derived.ytd) AS ytd, rep.month AS month_reported,
              coalesce(rep.file_hash, derived.file_hash) AS file_hash,
              coalesce(rep.loaded_at, derived.loaded_at) AS loaded_at
            FROM rep FULL OUTER JOIN derived USING (indicator_code, region_code, period, source_kind))
          ${MONTH_FROM_YTD('v', 'ytd', 'month_reported')}`,
  },
  {
    name: 'obs_additive',
    isPublic: false,
    comment:
      'Internal step: flows, stocks and net changes per region, one source per observation (SPEC §6: its YTD, month and level all come from the authoritative source when it gives the observation, else the newest), with city rows rolled up (summed) from the districts where the city did not report its own figure.',
    columns: {},
    sql: `WITH sourced AS (
            SELECT * FROM obs_flow UNION ALL BY NAME SELECT * FROM obs_stock UNION ALL BY NAME SELECT * FROM obs_net_change),
          own AS (
            SELECT s.* FROM sourced s JOIN dim_indicator i USING (indicator_code)
            WHERE coalesce(s.ytd, s.month, s.level) IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY s.indicator_code, s.region_code, s.period
              ORDER BY (CASE WHEN i.kind = 'stock' THEN s.level ELSE s.ytd END) IS NOT NULL DESC,
                (s.source_kind = i.authority) DESC, s.loaded_at DESC, s.source_kind) = 1),
          rolled AS (
            SELECT o.indicator_code, r.parent_code AS region_code, o.period,
              sum(o.ytd) AS ytd, sum(o.month) AS month, sum(o.level) AS level,
              CASE WHEN count(DISTINCT o.source_kind) = 1 THEN any_value(o.source_kind) ELSE 'mixed' END AS source_kind,
              CAST(NULL AS VARCHAR) AS file_hash, max(o.loaded_at) AS loaded_at,
              count(coalesce(o.ytd, o.level)) AS regions_reported,
              (SELECT count(*) FROM dim_region k WHERE k.parent_code = r.parent_code) AS regions_expected
            FROM own o JOIN dim_region r USING (region_code) JOIN dim_region p ON p.region_code = r.parent_code
            WHERE p.level = 'city'
            GROUP BY ALL)
          SELECT *, 'reported' AS origin, CAST(NULL AS BIGINT) AS regions_reported, CAST(NULL AS BIGINT) AS regions_expected
          FROM own
          UNION ALL BY NAME
          SELECT *, 'rolled_up' AS origin FROM rolled r
          WHERE NOT EXISTS (SELECT 1 FROM own o WHERE o.indicator_code = r.indicator_code
                              AND o.region_code = r.region_code AND o.period = r.period)`,
  },
  {
    name: 'obs_reported_chosen',
    isPublic: false,
    comment:
      'Internal step: the reported measures of one source per indicator, region and month — the authoritative source when it gives the observation, else the newest (for rates and printed ratios).',
    columns: {},
    sql: `SELECT r.* FROM obs_reported r JOIN dim_indicator i USING (indicator_code)
          QUALIFY row_number() OVER (PARTITION BY r.indicator_code, r.region_code, r.period
            ORDER BY (r.source_kind = i.authority) DESC, r.loaded_at DESC, r.source_kind) = 1`,
  },
  {
    name: 'obs_ratio',
    isPublic: false,
    comment:
      'Internal step: ratios as 100 × numerator ÷ denominator from the components (so a city ratio is Σ numerator ÷ Σ denominator, never an average of rates); a reported rate only where components are missing.',
    columns: {},
    sql: `WITH q AS (SELECT indicator_code, numerator_code, denominator_code FROM dim_indicator WHERE kind = 'ratio'),
          comp AS (
            SELECT q.indicator_code, n.region_code, n.period,
              -- Stored like every value, as DECIMAL(38,6): a rate to a millionth of a percentage point.
              CAST(exact_pct(coalesce(n.ytd, n.level), coalesce(d.ytd, d.level)) AS DECIMAL(38, 6)) AS level,
              CASE WHEN n.origin = 'rolled_up' OR d.origin = 'rolled_up' THEN 'rolled_up' ELSE 'reported' END AS origin,
              n.file_hash, greatest(n.loaded_at, d.loaded_at) AS loaded_at,
              least(n.regions_reported, d.regions_reported) AS regions_reported,
              greatest(n.regions_expected, d.regions_expected) AS regions_expected
            FROM q JOIN obs_additive n ON n.indicator_code = q.numerator_code
            JOIN obs_additive d ON d.indicator_code = q.denominator_code AND d.region_code = n.region_code
              AND d.period = n.period),
          rep AS (SELECT r.* FROM obs_reported_chosen r JOIN q USING (indicator_code)),
          -- The region's own figures first: its components, else its printed rate, and only then a roll-up.
          pick AS (
            SELECT indicator_code, region_code, period, comp.level AS comp_level, comp.file_hash AS comp_file_hash,
              comp.loaded_at AS comp_loaded_at, comp.origin AS comp_origin, comp.regions_reported, comp.regions_expected,
              coalesce(rep.level, rep.ytd) AS rep_level, rep.file_hash AS rep_file_hash, rep.loaded_at AS rep_loaded_at,
              CASE
                WHEN comp.level IS NOT NULL AND comp.origin = 'reported' THEN 'comp'
                WHEN coalesce(rep.level, rep.ytd) IS NOT NULL THEN 'rep'
                WHEN comp.level IS NOT NULL THEN 'comp'
              END AS chosen
            FROM comp FULL OUTER JOIN rep USING (indicator_code, region_code, period))
          SELECT indicator_code, region_code, period, CAST(NULL AS DECIMAL(38, 6)) AS ytd, CAST(NULL AS DECIMAL(38, 6)) AS month,
            CASE WHEN chosen = 'comp' THEN comp_level ELSE rep_level END AS level,
            CASE WHEN chosen = 'comp' THEN comp_file_hash ELSE rep_file_hash END AS file_hash,
            CASE WHEN chosen = 'comp' THEN comp_loaded_at ELSE rep_loaded_at END AS loaded_at,
            CASE WHEN chosen = 'comp' THEN comp_origin ELSE 'reported' END AS origin,
            CASE WHEN chosen = 'comp' THEN regions_reported END AS regions_reported,
            CASE WHEN chosen = 'comp' THEN regions_expected END AS regions_expected
          FROM pick`,
  },
  {
    name: 'observation',
    isPublic: true,
    comment:
      'Current values, one row per indicator, region and month (base units; rates in percent). City rows are present whether reported or rolled up from the districts.',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region.',
      period: 'Month, as the first day of the month.',
      ytd_value:
        'Flows: year-to-date total (1–N月累计). Stocks: level at month end. Ratios and rates: the rate in percent. Net changes: change since the previous December.',
      month_value: 'Flows: the month’s own value. Net changes: change over the month. Otherwise null.',
      source_file:
        'File the value was read from; null when derived by roll-up or from components in several files.',
      loaded_at: 'When the (latest contributing) value was loaded.',
      origin:
        'reported (by the region itself, or derived from its own figures) or rolled_up (summed from its districts).',
      regions_reported: 'For rolled-up rows: how many districts contributed.',
      regions_expected:
        'For rolled-up rows: how many districts the region has. A city total is complete when regions_reported = regions_expected.',
    },
    sql: `WITH o AS (
            SELECT * FROM obs_additive
            UNION ALL BY NAME SELECT * FROM obs_ratio
            UNION ALL BY NAME
            SELECT r.indicator_code, r.region_code, r.period, NULL AS ytd, NULL AS month, coalesce(r.level, r.ytd) AS level,
              r.file_hash, r.loaded_at, 'reported' AS origin, CAST(NULL AS BIGINT) AS regions_reported,
              CAST(NULL AS BIGINT) AS regions_expected
            FROM obs_reported_chosen r JOIN dim_indicator i USING (indicator_code) WHERE i.kind = 'rate'),
          files AS (
            SELECT file_hash, any_value(file_name) AS file_name FROM source_file WHERE status <> 'rejected' GROUP BY file_hash)
          SELECT o.indicator_code, o.region_code, o.period,
            CASE WHEN i.kind IN ('flow', 'net_change') THEN o.ytd ELSE o.level END AS ytd_value,
            CASE WHEN i.kind IN ('flow', 'net_change') THEN o.month END AS month_value,
            CASE WHEN o.origin = 'reported' THEN f.file_name END AS source_file,
            o.loaded_at, o.origin, o.regions_reported, o.regions_expected
          FROM o JOIN dim_indicator i USING (indicator_code) LEFT JOIN files f USING (file_hash)
          WHERE (CASE WHEN i.kind IN ('flow', 'net_change') THEN coalesce(o.ytd, o.month) ELSE o.level END) IS NOT NULL`,
  },
  {
    name: 'completion',
    isPublic: true,
    comment:
      'Progress against plan: one row per observation and target that covers its month — per window (a 2022 row and a 2021–2023 row for the same indicator) and per issuer (a 省下达 and a 市定 target side by side). A partial roll-up (not every district reported) is never a region’s figure here.',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region.',
      period: 'Month, as the first day of the month.',
      start_year: 'First year of the target window.',
      end_year: 'Last year of the target window.',
      actual:
        'Flows and net changes: cumulative from the window start (YTD; in a multi-year window the earlier years’ December totals are added, null if one is missing). Stocks, ratios, rates: the level.',
      target_value: 'Target in the base unit.',
      completion_pct:
        'actual ÷ target × 100 (exact decimal; round only for display). Null for ratios and rates.',
      schedule_pct:
        '时序进度: months elapsed in the window ÷ months from the window start to the due month × 100, at most 100 (N ÷ 12 for a year due in December; N ÷ 6 for one due in June), or the indicator’s seasonal profile where the window ends in December: for a multi-year window, whole years done plus the profile’s month, over the years (2021–2023 in October 2022: (100 + 95) ÷ 3 = 65). Flows and net changes only.',
      ahead_pp:
        'Flows and net changes: completion_pct − schedule_pct (个百分点, > 0 快于时序进度). Ratios and rates: distance from the target in 个百分点, positive on the good side.',
      met: 'The target itself is reached (at_least: actual ≥ target; at_most: actual ≤ target). Null for an approximate target (“左右”).',
      direction: 'at_least or at_most.',
      kind: 'Indicator kind.',
      basis: 'Target basis: annual · yearly (年均, one row per year) · window_total · level_by_end.',
      issuer: '省下达 (province-assigned, 完成省下达任务的x%) or 市定 (the city’s own target).',
      due_period: 'Month the target is due (first day of the month); the schedule runs to it.',
      approximate: 'The target is an approximate figure (“100家左右”): no met / not met.',
      target_source: 'The plan the target comes from.',
    },
    sql: `WITH c AS (
            -- Partial roll-ups never reach completion.
            SELECT * FROM observation
            WHERE NOT (origin = 'rolled_up' AND regions_reported < regions_expected)),
          o AS (
            SELECT o.indicator_code, o.region_code, o.period, o.ytd_value, i.kind, i.schedule_profile,
              year(o.period) AS y, month(o.period) AS m
            FROM c o JOIN dim_indicator i USING (indicator_code)),
          w AS (
            SELECT t.indicator_code, t.region_code, o.period, t.start_year, t.end_year, t.target_value, t.direction, t.basis,
              t.issuer, t.due_period, t.approximate, t.source AS target_source,
              o.kind, o.schedule_profile, o.y, o.m, o.ytd_value,
              sum(d.ytd_value) AS prior_sum, count(d.ytd_value) AS prior_years
            FROM dim_target t
            JOIN o ON o.indicator_code = t.indicator_code AND o.region_code = t.region_code
              AND o.y BETWEEN t.start_year AND t.end_year
            LEFT JOIN c d ON o.kind IN ('flow', 'net_change') AND d.indicator_code = t.indicator_code
              AND d.region_code = t.region_code AND month(d.period) = 12
              AND year(d.period) >= t.start_year AND year(d.period) < o.y
            GROUP BY ALL),
          a AS (
            SELECT *,
              CASE
                WHEN kind NOT IN ('flow', 'net_change') THEN ytd_value
                WHEN y = start_year THEN ytd_value
                WHEN prior_years = y - start_year THEN prior_sum + ytd_value
              END AS actual,
              CASE WHEN kind IN ('flow', 'net_change') THEN
                -- A seasonal profile runs within each year of the window: whole years done, plus the profile's month.
                CASE WHEN year(due_period) = end_year AND month(due_period) = 12 AND schedule_profile IS NOT NULL
                  THEN exact_pct((y - start_year) * 100 + schedule_profile[m], (end_year - start_year + 1) * 100)
                  ELSE least(CAST(100 AS DECIMAL(38, 10)), exact_pct((y - start_year) * 12 + m,
                    (year(due_period) - start_year) * 12 + month(due_period)))
                END
              END AS schedule_pct
            FROM w)
          SELECT indicator_code, region_code, period, start_year, end_year, actual, target_value,
            CASE WHEN kind IN ('flow', 'stock', 'net_change') THEN exact_pct(actual, target_value) END AS completion_pct,
            schedule_pct,
            CASE
              WHEN kind IN ('flow', 'net_change') THEN exact_pct(actual, target_value) - schedule_pct
              WHEN kind IN ('ratio', 'rate') AND direction = 'at_least' THEN CAST(actual - target_value AS DECIMAL(38, 10))
              WHEN kind IN ('ratio', 'rate') THEN CAST(target_value - actual AS DECIMAL(38, 10))
            END AS ahead_pp,
            CASE WHEN actual IS NULL OR approximate THEN NULL
                 WHEN direction = 'at_least' THEN actual >= target_value
                 ELSE actual <= target_value END AS met,
            direction, kind, basis, issuer, due_period, approximate, target_source
          FROM a`,
  },
  {
    name: 'comparison',
    isPublic: true,
    comment:
      '同比: each observation against the same month of the previous year, where the warehouse holds it — YTD against YTD for flows and net changes, level against level for stocks, rate against rate (in 个百分点) for ratios and rates. Partial roll-ups are left out.',
    columns: {
      indicator_code: 'Indicator.',
      region_code: 'Region.',
      period: 'Month, as the first day of the month.',
      value: 'This year: YTD (flows, net changes), level (stocks) or rate in percent (ratios, rates).',
      value_previous_year: 'The same measure for the same month of the previous year.',
      change: 'value − value_previous_year: base unit, or 个百分点 for ratios and rates.',
      change_pct:
        '同比增长率: change ÷ value_previous_year × 100 (exact decimal). Null for ratios and rates, whose change is in 个百分点.',
      change_unit: 'Unit of change: the indicator’s base unit, or 个百分点.',
      month_value: 'Flows and net changes: the month’s own value this year.',
      month_value_previous_year: 'The same month’s own value a year earlier.',
    },
    sql: `WITH c AS (
            SELECT o.*, i.kind, i.unit FROM observation o JOIN dim_indicator i USING (indicator_code)
            WHERE NOT (o.origin = 'rolled_up' AND o.regions_reported < o.regions_expected))
          SELECT c.indicator_code, c.region_code, c.period, c.ytd_value AS value, p.ytd_value AS value_previous_year,
            c.ytd_value - p.ytd_value AS change,
            CASE WHEN c.kind NOT IN ('ratio', 'rate') THEN exact_pct(c.ytd_value - p.ytd_value, p.ytd_value) END AS change_pct,
            CASE WHEN c.kind IN ('ratio', 'rate') THEN '个百分点' ELSE c.unit END AS change_unit,
            c.month_value, p.month_value AS month_value_previous_year
          FROM c JOIN c p ON p.indicator_code = c.indicator_code AND p.region_code = c.region_code
            AND p.period = CAST(c.period - INTERVAL 12 MONTH AS DATE)`,
  },
  {
    name: 'submission',
    isPublic: true,
    comment:
      'Submission tracking: one row per district and month, from the first month any return was received through the latest; due on the deadline day (setting deadline_day, default 5) of the following month, Asia/Shanghai.',
    columns: {
      region_code: 'District expected to report.',
      period: 'Report month, as the first day of the month.',
      source_file: 'Name of the latest accepted return (or of the rejected one when none was accepted).',
      status:
        'on_time · late · revised (a later return replaced earlier values; section files that replace nothing do not count) · rejected (only rejected returns) · missing (nothing accepted and past the deadline) · pending (not yet due).',
      received_at: 'When the first accepted return arrived (null if none).',
      deadline: 'Due date: the deadline day of the following month.',
      due_at:
        'Instant the return is late from (the day after the deadline, 00:00 in the deployment timezone).',
      on_time: 'The first accepted return arrived by the deadline (null if none arrived).',
      overdue: 'The deadline has passed.',
      revised_at: 'When the latest resubmission arrived, for revised returns.',
      returns_loaded: 'Accepted returns (distinct files) for the district and month.',
      returns_rejected: 'Rejected returns (distinct files).',
      file_hash: 'SHA-256 of the latest accepted (else rejected) return.',
    },
    sql: `SELECT * FROM submission_as_of(current_timestamp, CAST(setting_value('deadline_day', '5') AS INTEGER), NULL,
            setting_value('timezone', 'Asia/Shanghai'))`,
  },
  {
    name: 'submission_file',
    isPublic: false,
    comment: 'Every district return received: one row per file, with what became of it.',
    columns: {
      region_code: 'Region the return is for.',
      period: 'Report month, as the first day of the month.',
      source_file: 'File name as received.',
      status:
        'loaded · revised (replaced an earlier return) · superseded (replaced by a later one) · rejected.',
      received_at: 'When the file was loaded.',
      file_hash: 'SHA-256 of the file content.',
    },
    sql: `SELECT region_code, period, file_name AS source_file,
            CASE WHEN superseded_at IS NOT NULL THEN 'superseded' ELSE status END AS status,
            received_at, file_hash
          FROM source_file WHERE source_kind = 'return'`,
  },
  {
    name: 'quality_finding',
    isPublic: true,
    comment:
      'Current quality findings (审核): for each month the findings of the latest check run covering it (all months, or that month with --period), plus the ingest findings of files still current (history stays in the finding table).',
    columns: {
      severity: 'error (强制性审核: the file was rejected) or warning (核实性审核: loaded, to verify).',
      rule: 'Code of the check that fired.',
      region_code: 'Region concerned.',
      period: 'Month concerned.',
      indicator_code: 'Indicator concerned.',
      message: 'What is wrong, with the figures.',
      location: 'file → sheet → cell, or export row group.',
      run_id: 'Run that found it.',
      found_at: 'When it was found.',
      origin: 'check (from `kpi check` / the nightly checks) or ingest (from validating a file).',
      file_hash: 'File concerned, if any.',
    },
    sql: `WITH current_files AS (
            SELECT s.file_hash FROM source_file s
            WHERE s.superseded_at IS NULL
              AND (s.status <> 'rejected' OR NOT EXISTS (
                SELECT 1 FROM source_file n WHERE n.region_code = s.region_code AND n.period = s.period
                  AND n.source_kind = s.source_kind AND n.status <> 'rejected' AND n.received_at > s.received_at))),
          f AS (
            SELECT f.*, CASE WHEN EXISTS (
                SELECT 1 FROM check_run c WHERE c.run_id = f.run_id AND list_contains(c.rules, f.rule))
              THEN 'check' ELSE 'ingest' END AS origin
            FROM finding f)
          SELECT severity, rule, region_code, period, indicator_code, message, location, run_id, found_at, origin, file_hash
          FROM f
          -- A check finding is current until a later check run covers its month (a run over every month, or
          -- kpi check --period of that month): refreshing one month keeps the other months’ findings.
          WHERE (origin = 'check' AND NOT EXISTS (
              SELECT 1 FROM check_run mine, check_run later
              WHERE mine.run_id = f.run_id
                AND (later.ran_at > mine.ran_at OR (later.ran_at = mine.ran_at AND later.run_id > mine.run_id))
                AND (later.period IS NULL OR f.period IS NULL OR later.period = f.period)))
            OR (origin = 'ingest' AND (file_hash IS NULL OR file_hash IN (SELECT file_hash FROM current_files)))`,
  },
  {
    name: 'pipeline_run',
    isPublic: true,
    comment: 'One row per run of a loading command (kpi run, kpi ingest).',
    columns: {
      run_id: 'Run identifier.',
      started_at: 'Start time.',
      finished_at: 'End time (null while running or if the run died).',
      status: 'running · completed · failed.',
      files_seen: 'Files looked at.',
      files_loaded: 'Files loaded or revised.',
      files_rejected: 'Files rejected.',
      command: 'Command that started the run.',
    },
    sql: `SELECT run_id, started_at, finished_at, status, files_seen, files_loaded, files_rejected, command FROM load_run`,
  },
];
