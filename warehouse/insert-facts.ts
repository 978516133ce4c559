/**
 * Appends reported values to `fact_value` with their provenance, superseding the current value
 * with the same key (indicator, region, month, measure, source kind). Call inside a transaction.
 */
import type { Decimal } from 'decimal.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceKind } from '../catalogue/catalogue.ts';
import type { Measure } from '../core/measure.ts';
import { firstDay, type Period } from '../core/period.ts';
import { toDuckDate, toDuckDecimal, toDuckTimestamp } from './duck-values.ts';

/** One value to store, with where it came from. */
export interface FactInput {
  readonly indicatorCode: string;
  readonly regionCode: string;
  readonly period: Period;
  readonly measure: Measure;
  readonly value: Decimal;
  readonly sourceKind: SourceKind;
  readonly fileHash: string;
  readonly sheet?: string | null;
  readonly cell?: string | null;
  readonly rowGroup?: string | null;
}

/**
 * Insert facts (bulk, through the Appender) and mark the values they replace as superseded.
 * Returns how many earlier values were superseded.
 */
export async function insertFacts(
  connection: DuckDBConnection,
  facts: readonly FactInput[],
  context: { runId: string; loadedAt: Date },
): Promise<{ inserted: number; superseded: number }> {
  if (facts.length === 0) return { inserted: 0, superseded: 0 };
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE incoming_fact AS SELECT * EXCLUDE (fact_id) FROM fact_value LIMIT 0`,
  );
  const appender = await connection.createAppender('incoming_fact', 'main', 'temp');
  try {
    const loadedAt = toDuckTimestamp(context.loadedAt);
    for (const f of facts) {
      appender.appendVarchar(f.indicatorCode);
      appender.appendVarchar(f.regionCode);
      appender.appendDate(toDuckDate(firstDay(f.period)));
      appender.appendVarchar(f.measure);
      appender.appendDecimal(toDuckDecimal(f.value));
      appender.appendVarchar(f.sourceKind);
      appender.appendVarchar(f.fileHash);
      for (const v of [f.sheet ?? null, f.cell ?? null, f.rowGroup ?? null]) {
        if (v === null) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.appendVarchar(context.runId);
      appender.appendTimestampTZ(loadedAt);
      appender.appendNull();
      appender.appendNull();
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const superseded = await connection.run(
    `UPDATE fact_value f SET superseded_at = i.loaded_at, superseded_by = i.file_hash
     FROM incoming_fact i
     WHERE f.superseded_at IS NULL AND f.indicator_code = i.indicator_code AND f.region_code = i.region_code
       AND f.period = i.period AND f.measure = i.measure AND f.source_kind = i.source_kind`,
  );
  await connection.run(`INSERT INTO fact_value BY NAME SELECT * FROM incoming_fact`);
  await connection.run(`DROP TABLE incoming_fact`);
  return { inserted: facts.length, superseded: Number(superseded.rowsChanged) };
}
