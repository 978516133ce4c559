/**
 * The DuckDB client. @duckdb/node-api is a CommonJS package whose entry re-exports some forty files:
 * loaded with `require` from the build's bundle (`requireVendored`), not an ESM `import` that makes
 * Node scan each file for export names (about 0.1 s of every `kpi` start that touches the
 * warehouse). Import the client's values from here; types come from the package.
 */
import { requireVendored } from '../core/require-vendored.ts';

type NodeApi = typeof import('@duckdb/node-api');

const duckdb = requireVendored<NodeApi>('@duckdb/node-api', 'duckdb-node-api');

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
