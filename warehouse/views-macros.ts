/**
 * The warehouse's macros, created before the views that call them: exact percentages, deployment
 * settings with a fallback, and the expected returns of every district and month as known at an instant.
 */
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
