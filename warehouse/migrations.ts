/**
 * The warehouse's tables, as numbered migrations. A migration never changes once released; a
 * change to a table is a new migration (and a note in the README if a public view changes).
 * Views are not here: `create-views.ts` recreates them when their definitions change.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'dimensions, facts with provenance and history, runs and findings',
    sql: `
      CREATE TABLE dim_region (
        region_code VARCHAR PRIMARY KEY,
        name_zh VARCHAR NOT NULL,
        parent_code VARCHAR,
        level VARCHAR NOT NULL CHECK (level IN ('province', 'city', 'district'))
      );
      CREATE TABLE region_alias (
        alias VARCHAR PRIMARY KEY,
        region_code VARCHAR NOT NULL
      );
      CREATE TABLE dim_indicator (
        indicator_code VARCHAR PRIMARY KEY,
        name_zh VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        kind VARCHAR NOT NULL CHECK (kind IN ('flow', 'stock', 'net_change', 'ratio', 'rate')),
        unit VARCHAR NOT NULL,
        display_unit VARCHAR NOT NULL,
        direction VARCHAR NOT NULL CHECK (direction IN ('at_least', 'at_most')),
        parent_code VARCHAR,
        numerator_code VARCHAR,
        denominator_code VARCHAR,
        base_code VARCHAR,
        authority VARCHAR NOT NULL CHECK (authority IN ('export', 'return')),
        schedule_profile DECIMAL(9, 4)[],
        description VARCHAR
      );
      CREATE TABLE indicator_alias (
        alias VARCHAR PRIMARY KEY,
        indicator_code VARCHAR NOT NULL
      );
      CREATE TABLE dim_target (
        indicator_code VARCHAR NOT NULL,
        region_code VARCHAR NOT NULL,
        start_year INTEGER NOT NULL,
        end_year INTEGER NOT NULL,
        basis VARCHAR NOT NULL,
        target_value DECIMAL(38, 6) NOT NULL,
        direction VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        PRIMARY KEY (indicator_code, region_code, start_year, end_year)
      );
      CREATE TABLE load_run (
        run_id VARCHAR PRIMARY KEY,
        command VARCHAR NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        status VARCHAR NOT NULL,
        files_seen INTEGER NOT NULL DEFAULT 0,
        files_loaded INTEGER NOT NULL DEFAULT 0,
        files_rejected INTEGER NOT NULL DEFAULT 0,
        message VARCHAR
      );
      CREATE TABLE source_file (
        file_hash VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        source_kind VARCHAR NOT NULL CHECK (source_kind IN ('return', 'export')),
        source_name VARCHAR NOT NULL,
        region_code VARCHAR,
        period DATE,
        status VARCHAR NOT NULL CHECK (status IN ('loaded', 'revised', 'rejected')),
        received_at TIMESTAMPTZ NOT NULL,
        run_id VARCHAR NOT NULL,
        superseded_at TIMESTAMPTZ,
        superseded_by VARCHAR
      );
      CREATE SEQUENCE fact_id_seq;
      CREATE TABLE fact_value (
        fact_id BIGINT NOT NULL DEFAULT nextval('fact_id_seq'),
        indicator_code VARCHAR NOT NULL,
        region_code VARCHAR NOT NULL,
        period DATE NOT NULL,
        measure VARCHAR NOT NULL CHECK (measure IN ('ytd', 'month', 'level')),
        value DECIMAL(38, 6) NOT NULL,
        source_kind VARCHAR NOT NULL CHECK (source_kind IN ('return', 'export')),
        file_hash VARCHAR NOT NULL,
        sheet VARCHAR,
        cell VARCHAR,
        row_group VARCHAR,
        run_id VARCHAR NOT NULL,
        loaded_at TIMESTAMPTZ NOT NULL,
        superseded_at TIMESTAMPTZ,
        superseded_by VARCHAR
      );
      CREATE TABLE finding (
        run_id VARCHAR NOT NULL,
        severity VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
        rule VARCHAR NOT NULL,
        region_code VARCHAR,
        period DATE,
        indicator_code VARCHAR,
        file_hash VARCHAR,
        location VARCHAR,
        message VARCHAR NOT NULL,
        found_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'check runs and warehouse settings, for current findings and submission deadlines',
    sql: `
      CREATE TABLE check_run (
        run_id VARCHAR PRIMARY KEY,
        period DATE,
        ran_at TIMESTAMPTZ NOT NULL,
        rules VARCHAR[] NOT NULL,
        findings INTEGER NOT NULL
      );
      CREATE TABLE setting (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'persons already counted, as salted hashes, for distinct counts across files',
    sql: `
      CREATE TABLE person_seen (
        indicator_code VARCHAR NOT NULL,
        year INTEGER NOT NULL,
        person_hash VARCHAR NOT NULL,
        region_code VARCHAR NOT NULL,
        first_date DATE NOT NULL,
        -- One row per (indicator_code, year, person_hash), kept so by the loader (no index: millions of rows).
        file_hash VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'per-step records of each pipeline run',
    sql: `
      CREATE TABLE run_step (
        run_id VARCHAR NOT NULL,
        step VARCHAR NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        status VARCHAR NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        items INTEGER NOT NULL DEFAULT 0,
        message VARCHAR
      );
    `,
  },
  {
    version: 11,
    name: 'targets by issuer, with due month, approximate figures, overrides and where each was loaded from',
    sql: `
      CREATE TABLE dim_target_v11 (
        indicator_code VARCHAR NOT NULL,
        region_code VARCHAR NOT NULL,
        start_year INTEGER NOT NULL,
        end_year INTEGER NOT NULL,
        issuer VARCHAR NOT NULL CHECK (issuer IN ('市定', '省下达')),
        basis VARCHAR NOT NULL,
        target_value DECIMAL(38, 6) NOT NULL,
        direction VARCHAR NOT NULL,
        due_period DATE NOT NULL,
        approximate BOOLEAN NOT NULL,
        source VARCHAR NOT NULL,
        overrides VARCHAR,
        -- 'catalogue' for the bundled plans (replaced by every kpi init), else the file a load read.
        loaded_from VARCHAR NOT NULL,
        loaded_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (indicator_code, region_code, start_year, end_year, issuer)
      );
      INSERT INTO dim_target_v11
        SELECT indicator_code, region_code, start_year, end_year, '市定', basis, target_value, direction,
          make_date(end_year, 12, 1), false, source, NULL, 'catalogue', now()
        FROM dim_target;
      DROP TABLE dim_target;
      ALTER TABLE dim_target_v11 RENAME TO dim_target;
    `,
  },
  {
    version: 12,
    name: 'the fingerprint of the views a warehouse was last given',
    sql: `
      CREATE TABLE view_fingerprint (
        fingerprint VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
];
