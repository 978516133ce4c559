/**
 * Writes target rows into `dim_target`. Targets are data: a loaded row (district 任务分解, a
 * province assignment) stays until a newer load replaces it; the bundled plans never overwrite it.
 * Call inside a transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Target } from '../catalogue/catalogue.ts';
import { toDuckDate, toDuckDecimal, toDuckTimestamp } from './duck-values.ts';

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
  await connection.run(`CREATE OR REPLACE TEMP TABLE incoming_target AS SELECT * FROM dim_target LIMIT 0`);
  try {
    const appender = await connection.createAppender('incoming_target', 'main', 'temp');
    try {
      for (const t of targets) {
        appender.appendVarchar(t.indicatorCode);
        appender.appendVarchar(t.regionCode);
        appender.appendInteger(t.startYear);
        appender.appendInteger(t.endYear);
        appender.appendVarchar(t.issuer);
        appender.appendVarchar(t.basis);
        appender.appendDecimal(toDuckDecimal(t.targetValue));
        appender.appendVarchar(t.direction);
        appender.appendDate(toDuckDate(`${t.duePeriod}-01`));
        appender.appendBoolean(t.approximate);
        appender.appendVarchar(t.source);
        if (t.overrides === null) appender.appendNull();
        else appender.appendVarchar(t.overrides);
        appender.appendVarchar(t.loadedFrom);
        appender.appendTimestampTZ(toDuckTimestamp(loadedAt));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    const [counts] = (
      await connection.runAndReadAll(
        `SELECT count(*) FILTER (WHERE d.indicator_code IS NULL)::INTEGER AS added,
           count(*) FILTER (WHERE d.indicator_code IS NOT NULL AND NOT (${SAME}) AND i.loaded_from <> 'catalogue')::INTEGER AS replaced,
           count(*) FILTER (WHERE d.indicator_code IS NOT NULL AND (${SAME} OR i.loaded_from = 'catalogue'))::INTEGER AS unchanged
         FROM incoming_target i LEFT JOIN dim_target d USING (${KEY})`,
      )
    ).getRowObjectsJson() as unknown as StoreTargetsResult[];
    // The bundled plans only fill keys no load has set; a load replaces what differs.
    await connection.run(
      `INSERT OR REPLACE INTO dim_target
       SELECT i.* FROM incoming_target i LEFT JOIN dim_target d USING (${KEY})
       WHERE d.indicator_code IS NULL OR (i.loaded_from <> 'catalogue' AND NOT (${SAME}))`,
    );
    return counts!;
  } finally {
    await connection.run('DROP TABLE IF EXISTS temp.main.incoming_target');
  }
}

const KEY = 'indicator_code, region_code, start_year, end_year, issuer';
const SAME = `i.basis = d.basis AND i.target_value = d.target_value AND i.direction = d.direction
  AND i.due_period = d.due_period AND i.approximate = d.approximate AND i.source = d.source
  AND i.overrides IS NOT DISTINCT FROM d.overrides AND i.loaded_from = d.loaded_from`;
