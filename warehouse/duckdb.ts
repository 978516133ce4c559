/**
 * The DuckDB client, loaded with `require`. @duckdb/node-api is a CommonJS package whose entry
 * re-exports some forty files; an ESM `import` of it makes Node scan each of them for export names
 * before any code runs (about 0.1 s of every `kpi` start that touches the warehouse), where
 * `require` only loads them. The build (scripts/build.js) also bundles them into one file beside
 * the compiled sources, which loads in about a third of the time; run from source, the package
 * itself is loaded. Import the client's values from here; types come from the package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type NodeApi = typeof import('@duckdb/node-api');

const bundled = fileURLToPath(new URL('../vendor/duckdb-node-api.cjs', import.meta.url));
const duckdb = createRequire(import.meta.url)(existsSync(bundled) ? bundled : '@duckdb/node-api') as NodeApi;

export const {
  DuckDBDateValue,
  DuckDBDecimalType,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
} = duckdb;
export type DuckDBDateValue = import('@duckdb/node-api').DuckDBDateValue;
export type DuckDBDecimalType = import('@duckdb/node-api').DuckDBDecimalType;
export type DuckDBDecimalValue = import('@duckdb/node-api').DuckDBDecimalValue;
export type DuckDBInstance = import('@duckdb/node-api').DuckDBInstance;
export type DuckDBTimestampTZValue = import('@duckdb/node-api').DuckDBTimestampTZValue;
export type DuckDBTimestampValue = import('@duckdb/node-api').DuckDBTimestampValue;
export type DuckDBTypeId = import('@duckdb/node-api').DuckDBTypeId;
