/**
 * Writes the catalogue (indicators, aliases, regions, targets) into the dimension tables,
 * replacing what was there, except targets loaded as data: those stay until a newer load replaces
 * them. Facts are untouched. Call inside a transaction.
 */
import { Decimal } from 'decimal.js';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { DuckDBDecimalValue } from './duckdb.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { normalizeLabel } from '../catalogue/normalize-label.ts';
import { storeTargets } from './store-targets.ts';

/** Replace the dimension tables with the catalogue's content; loaded targets are kept (see `storeTargets`). */
export async function syncCatalogue(
  connection: DuckDBConnection,
  catalogue: Catalogue,
  now: Date = new Date(),
): Promise<void> {
  for (const table of ['dim_indicator', 'indicator_alias', 'dim_region', 'region_alias']) {
    await connection.run(`DELETE FROM ${table}`);
  }
  await connection.run(`DELETE FROM dim_target WHERE loaded_from = 'catalogue'`);
  await append(connection, 'dim_indicator', (a) => {
    for (const i of catalogue.indicators) {
      row(a, [
        i.code,
        i.nameZh,
        i.category,
        i.kind,
        i.unit,
        i.displayUnit,
        i.direction,
        i.parentCode,
        i.numeratorCode,
        i.denominatorCode,
        i.baseCode,
        i.authority,
      ]);
      if (i.scheduleProfile) a.appendList(i.scheduleProfile.map((p) => toDuckDecimalPercent(p)));
      else a.appendNull();
      nullable(a, i.description);
      a.endRow();
    }
  });
  await append(connection, 'indicator_alias', (a) => {
    const seen = new Set<string>();
    for (const i of catalogue.indicators) {
      for (const alias of [i.nameZh, ...i.aliases].map(normalizeLabel)) {
        if (seen.has(alias)) continue;
        seen.add(alias);
        row(a, [alias, i.code]);
        a.endRow();
      }
    }
  });
  await append(connection, 'dim_region', (a) => {
    for (const r of catalogue.regions) {
      row(a, [r.code, r.nameZh, r.parentCode, r.level]);
      a.endRow();
    }
  });
  await append(connection, 'region_alias', (a) => {
    const seen = new Set<string>();
    for (const r of catalogue.regions) {
      for (const alias of [r.nameZh, ...r.aliases]) {
        if (seen.has(alias)) continue;
        seen.add(alias);
        row(a, [alias, r.code]);
        a.endRow();
      }
    }
  });
  // Loads first, so a file's row replaces an earlier load; then the bundled plans fill the rest.
  await storeTargets(
    connection,
    catalogue.targets.filter((t) => t.loadedFrom !== 'catalogue'),
    now,
  );
  await storeTargets(
    connection,
    catalogue.targets.filter((t) => t.loadedFrom === 'catalogue'),
    now,
  );
}

async function append(connection: DuckDBConnection, table: string, fill: (a: DuckDBAppender) => void) {
  const appender = await connection.createAppender(table);
  try {
    fill(appender);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function row(a: DuckDBAppender, values: ReadonlyArray<string | null>) {
  for (const v of values) nullable(a, v);
}

function nullable(a: DuckDBAppender, value: string | null) {
  if (value === null) a.appendNull();
  else a.appendVarchar(value);
}

/** A schedule-profile percentage as DECIMAL(9,4). */
function toDuckDecimalPercent(p: number): DuckDBDecimalValue {
  return new DuckDBDecimalValue(BigInt(new Decimal(p).times(10_000).toFixed(0)), 9, 4);
}
