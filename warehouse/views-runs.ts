/**
 * What runs found and did (public, SPEC §10): `quality_finding`, the current findings of checks and
 * readers, and `pipeline_run`, one row per loading command.
 */
import type { ViewDefinition } from './view-definition.ts';

export const RUN_VIEWS: readonly ViewDefinition[] = [
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
