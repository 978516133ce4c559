/**
 * From facts to the `observation` view (public, SPEC §10): the current reported values, each kind's
 * derivation (flows, stocks, net changes, additive roll-ups, ratios) and the one source chosen per
 * observation. Base units; rates in percent.
 */
import type { ViewDefinition } from './view-definition.ts';

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

export const OBSERVATION_VIEWS: readonly ViewDefinition[] = [
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
];
