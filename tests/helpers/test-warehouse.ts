/**
 * The one helper tests use for a real DuckDB warehouse: a fresh in-memory database, migrated,
 * with the bundled catalogue loaded and the views created. Closed after the test body.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from 'decimal.js';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { initWarehouse } from '../../warehouse/init-warehouse.ts';
import type { Measure } from '../../core/measure.ts';
import { periodOfDate } from '../../core/period.ts';
import { insertFacts, type FactInput } from '../../warehouse/insert-facts.ts';
import { inTransaction, withWarehouse } from '../../warehouse/open-warehouse.ts';

export interface TestWarehouse {
  readonly connection: DuckDBConnection;
  readonly catalogue: Catalogue;
  /** Rows of a query, with DECIMAL values as exact strings. */
  rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Insert hand-made facts (source kind `return`, file hash `test` unless given). */
  facts(facts: readonly TestFact[], loadedAt?: Date): Promise<void>;
}

export interface TestFact {
  readonly indicator: string;
  readonly region: string;
  /** `YYYY-MM` */
  readonly month: string;
  readonly measure: Measure;
  readonly value: string | number;
  readonly sourceKind?: FactInput['sourceKind'];
  readonly fileHash?: string;
  readonly sheet?: string;
  readonly cell?: string;
}

/** One fact of a fixture in a line: `fact('城镇新增就业', '370202', '2022-10', 'ytd', 31200)`. */
export function fact(
  indicator: string,
  region: string,
  month: string,
  measure: Measure,
  value: string | number,
): TestFact {
  return { indicator, region, month, measure, value };
}

/** Run `body` against a fresh initialised in-memory warehouse (file path optional). */
export async function withTestWarehouse<T>(
  body: (w: TestWarehouse) => Promise<T>,
  file = ':memory:',
): Promise<T> {
  const catalogue = await loadCatalogue();
  return withWarehouse(file, {}, async ({ connection }) => {
    await initWarehouse(connection, catalogue);
    const helper: TestWarehouse = {
      connection,
      catalogue,
      async rows(sql, params) {
        const reader = await connection.runAndReadAll(sql, params as never);
        return reader.getRowObjectsJson() as Record<string, unknown>[];
      },
      async facts(facts, loadedAt = new Date('2022-11-03T10:00:00+08:00')) {
        const inputs: FactInput[] = facts.map((f) => ({
          indicatorCode: catalogue.findIndicator(f.indicator)?.code ?? f.indicator,
          regionCode: catalogue.findRegion(f.region)?.code ?? f.region,
          period: periodOfDate(f.month),
          measure: f.measure,
          value: new Decimal(f.value),
          sourceKind: f.sourceKind ?? 'return',
          fileHash: f.fileHash ?? 'test',
          sheet: f.sheet,
          cell: f.cell,
        }));
        await inTransaction(connection, () => insertFacts(connection, inputs, { runId: 'test', loadedAt }));
      },
    };
    return body(helper);
  });
}
