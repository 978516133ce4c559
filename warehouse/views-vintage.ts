/**
 * Vintages: every version of every reported value with its validity interval, the revisions
 * between versions, and table macros that replay the derived views as they stood at an instant.
 */
import type { ViewDefinition } from './view-definition.ts';
import { VIEWS } from './views.ts';

/** The derivation chain of `observation` and `completion`, in dependency order. */
const CHAIN = [
  'reported_value',
  'obs_reported',
  'obs_flow',
  'obs_stock',
  'obs_net_change',
  'obs_additive',
  'obs_reported_chosen',
  'obs_ratio',
  'observation',
  'completion',
] as const;

const CURRENT_ONLY = 'WHERE f.superseded_at IS NULL';
const AS_OF = 'WHERE f.loaded_at <= vintage_ts AND (f.superseded_at IS NULL OR f.superseded_at > vintage_ts)';

/** The chain as CTEs shadowing the views, with `reported_value` restricted to facts valid at `vintage_ts`. */
function chainAsOf(last: (typeof CHAIN)[number]): string {
  const ctes = CHAIN.slice(0, CHAIN.indexOf(last) + 1).map((name) => {
    const view = VIEWS.find((v) => v.name === name);
    if (!view) throw new Error(`view ${name} is missing from VIEWS`);
    const sql = name === 'reported_value' ? view.sql.replace(CURRENT_ONLY, AS_OF) : view.sql;
    if (name === 'reported_value' && sql === view.sql)
      throw new Error('reported_value no longer filters current facts');
    return `${name} AS (${sql})`;
  });
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM ${last}`;
}

/**
 * observation_as_of(ts) and completion_as_of(ts): the `observation` and `completion` views as they
 * stood at instant `ts` (facts loaded by then and not yet superseded), to reproduce an issued bulletin.
 */
export const VINTAGE_MACROS_SQL = `
CREATE OR REPLACE MACRO observation_as_of(vintage_ts) AS TABLE ${chainAsOf('observation')};
CREATE OR REPLACE MACRO completion_as_of(vintage_ts) AS TABLE ${chainAsOf('completion')};
`;

/** The key of a reported value, as both history views describe it. */
const FACT_KEY_COLUMNS = {
  indicator_code: 'Indicator.',
  region_code: 'Region.',
  period: 'Month, as the first day of the month.',
  measure: 'ytd · month · level.',
  source_kind: 'return or export.',
};

export const VINTAGE_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'observation_vintage',
    isPublic: false,
    comment:
      'Every version of every reported value (one row per fact), valid from loaded_at until superseded_at: a month’s figures as first published and as now.',
    columns: {
      ...FACT_KEY_COLUMNS,
      value: 'Value of this version (base unit).',
      vintage: 'Version number, 1 = as first published.',
      first_value: 'Value as first published.',
      current_value: 'Value now (null if no version is current).',
      valid_from: 'When this version was loaded.',
      valid_to: 'When it was superseded (null while current).',
      is_current: 'This version is the current one.',
      source_file: 'File of this version.',
      file_hash: 'SHA-256 of that file.',
    },
    sql: `WITH v AS (
            SELECT f.*, row_number() OVER w AS vintage,
              first_value(f.value) OVER w AS first_value,
              max(f.value) FILTER (WHERE f.superseded_at IS NULL) OVER k AS current_value
            FROM fact_value f
            WINDOW k AS (PARTITION BY f.indicator_code, f.region_code, f.period, f.measure, f.source_kind),
              w AS (k ORDER BY f.loaded_at, f.fact_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
          files AS (SELECT file_hash, any_value(file_name) AS file_name FROM source_file GROUP BY file_hash)
          SELECT v.indicator_code, v.region_code, v.period, v.measure, v.source_kind, v.value, v.vintage, v.first_value,
            v.current_value, v.loaded_at AS valid_from, v.superseded_at AS valid_to, v.superseded_at IS NULL AS is_current,
            files.file_name AS source_file, v.file_hash
          FROM v LEFT JOIN files USING (file_hash)`,
  },
  {
    name: 'revision',
    isPublic: false,
    comment:
      'Revisions: one row per reported value replaced by a different value (a resubmitted return or export), with both values and when.',
    columns: {
      ...FACT_KEY_COLUMNS,
      old_value: 'Value before the revision (base unit).',
      new_value: 'Value after the revision (base unit).',
      change: 'new_value − old_value.',
      revised_at: 'When the new value was loaded.',
      old_file: 'File of the old value.',
      new_file: 'File of the new value.',
    },
    sql: `WITH files AS (SELECT file_hash, any_value(file_name) AS file_name FROM source_file GROUP BY file_hash)
          SELECT o.indicator_code, o.region_code, o.period, o.measure, o.source_kind,
            o.value AS old_value, n.value AS new_value, n.value - o.value AS change, o.superseded_at AS revised_at,
            fo.file_name AS old_file, fn.file_name AS new_file
          FROM fact_value o
          JOIN fact_value n ON n.indicator_code = o.indicator_code AND n.region_code = o.region_code
            AND n.period = o.period AND n.measure = o.measure AND n.source_kind = o.source_kind
            AND n.loaded_at = o.superseded_at AND n.file_hash = o.superseded_by
          LEFT JOIN files fo ON fo.file_hash = o.file_hash
          LEFT JOIN files fn ON fn.file_hash = n.file_hash
          WHERE o.superseded_at IS NOT NULL AND n.value <> o.value`,
  },
];
