/**
 * The `target` view as `kpi catalogue --targets` lists it: one row per target with names, years,
 * issuer, due month, what it overrides and where it was loaded from, in the listing's columns.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Every target row, by region, category, indicator, window and issuer. */
export async function readTargetList(connection: DuckDBConnection): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(
    `SELECT i.name_zh AS indicator, r.name_zh AS region,
       CASE WHEN t.start_year = t.end_year THEN CAST(t.start_year AS VARCHAR)
         ELSE t.start_year || '–' || t.end_year END AS years,
       t.issuer, strftime(t.due_period, '%Y-%m') AS due, t.basis,
       CASE WHEN t.target_value = 0 THEN '0'
         ELSE rtrim(rtrim(CAST(t.target_value AS VARCHAR), '0'), '.') END AS target,
       t.direction, CASE WHEN t.approximate THEN '约数' ELSE '' END AS approximate, t.source,
       coalesce(t.overrides, '') AS overrides, t.loaded_from
     FROM target t JOIN indicator i USING (indicator_code) JOIN region r USING (region_code)
     ORDER BY t.region_code, i.category, t.indicator_code, t.start_year, t.end_year, t.issuer`,
  );
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}
