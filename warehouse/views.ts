/**
 * The warehouse's base views, by family and in the order they are created (each reads only those
 * before it). Each view declares its grain and units in comments that land in DuckDB (`COMMENT ON`),
 * so `select * from duckdb_columns()` documents the warehouse. Values are in base units; rates in percent.
 */
import type { ViewDefinition } from './view-definition.ts';
import { CATALOGUE_VIEWS } from './views-catalogue.ts';
import { COMPLETION_VIEWS } from './views-completion.ts';
import { OBSERVATION_VIEWS } from './views-observation.ts';
import { RUN_VIEWS } from './views-runs.ts';
import { SUBMISSION_VIEWS } from './views-submission.ts';

/** Every base view; `views-derived`, `views-timeseries` and `views-vintage` build on them. */
export const VIEWS: readonly ViewDefinition[] = [
  ...CATALOGUE_VIEWS,
  ...OBSERVATION_VIEWS,
  ...COMPLETION_VIEWS,
  ...SUBMISSION_VIEWS,
  ...RUN_VIEWS,
];
