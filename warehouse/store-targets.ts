/**
 * Writes target rows into `dim_target`. Targets are data: a loaded row (district 任务分解, a
 * province assignment) stays until a newer load replaces it; the bundled plans never overwrite it.
 * Call inside a transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Target } from '../catalogue/catalogue.ts';
import { toDuckTimestamp } from './duck-values.ts';

/** What a load did, per target row. */
export interface StoreTargetsResult {
  readonly added: number;
  readonly replaced: number;
  readonly unchanged: number;
}

/**
 * Store targets. Loaded rows (`loadedFrom` a file) replace the row of the same indicator, region,
 * window and issuer; the bundled catalogue's rows (`loadedFrom` = `catalogue`) only fill keys no
 * load has set.
 *
 * @example
 * await storeTargets(connection, parseTargets([file], catalogue).targets, new Date());
 */
export async function storeTargets(
  connection: DuckDBConnection,
  targets: readonly Target[],
  loadedAt: Date,
): Promise<StoreTargetsResult> {
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  for (const t of targets) {
    const key = [t.indicatorCode, t.regionCode, t.startYear, t.endYear, t.issuer];
    const existing = (
      await connection.runAndReadAll(
        `SELECT CAST(target_value AS VARCHAR) AS value, direction, strftime(due_period, '%Y-%m') AS due,
           basis, approximate, source, coalesce(overrides, '') AS overrides, loaded_from
         FROM dim_target WHERE indicator_code = $1 AND region_code = $2 AND start_year = $3 AND end_year = $4 AND issuer = $5`,
        key,
      )
    ).getRowObjectsJson()[0];
    if (existing && t.loadedFrom === 'catalogue') {
      unchanged++;
      continue;
    }
    const same =
      existing !== undefined &&
      t.targetValue.eq(String(existing.value)) &&
      existing.direction === t.direction &&
      existing.due === t.duePeriod &&
      existing.basis === t.basis &&
      existing.approximate === t.approximate &&
      existing.source === t.source &&
      existing.overrides === (t.overrides ?? '') &&
      existing.loaded_from === t.loadedFrom;
    if (same) {
      unchanged++;
      continue;
    }
    if (existing) replaced++;
    else added++;
    await connection.run(
      `INSERT OR REPLACE INTO dim_target (indicator_code, region_code, start_year, end_year, issuer, basis, target_value,
         direction, due_period, approximate, source, overrides, loaded_from, loaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS DECIMAL(38, 6)), $8, CAST($9 || '-01' AS DATE), $10, $11, $12, $13, $14)`,
      [
        ...key,
        t.basis,
        t.targetValue.toFixed(),
        t.direction,
        t.duePeriod,
        t.approximate,
        t.source,
        t.overrides,
        t.loadedFrom,
        toDuckTimestamp(loadedAt),
      ],
    );
  }
  return { added, replaced, unchanged };
}
