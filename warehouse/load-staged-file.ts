/**
 * The one way a file enters the warehouse: a staged file (read and checked by a source) is loaded
 * in one transaction — its `source_file` row, the values it supersedes, its facts with provenance
 * and its findings — or, when it has errors, only its rejection and every reason. Many fresh returns
 * (`loadFreshReturns`) load together in one transaction, as the same rows. Nothing else writes
 * `source_file`, `fact_value` or a file's findings.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from 'decimal.js';
import type { FileStatus } from '../core/file-outcome.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import { firstDay, periodOfDate, type Period } from '../core/period.ts';
import path from 'node:path';
import { toDuckDate, toDuckTimestamp } from './duck-values.ts';
import { insertFacts, type FactInput } from './insert-facts.ts';
import { inTransaction } from './open-warehouse.ts';
import { quoteIdentifier } from './sql.ts';
import type { StagedExport, StagedFile, StagedReturn, StagedYield } from './staged-file.ts';
import { storeFindings } from './store-findings.ts';

/** What loading did: the file's status, and the month it covers when it covers exactly one. */
export interface LoadResult {
  readonly status: Exclude<FileStatus, 'unchanged'>;
  readonly period: Period | null;
  /** A return's resubmission: the indicators whose earlier values it replaced (SPEC §8). */
  readonly replaced: readonly string[];
  /** …and the indicators of earlier returns for the same region and month it left in place. */
  readonly kept: readonly string[];
}

/** Who loads and when: the run's id and its clock. */
export interface LoadContext {
  readonly runId: string;
  readonly now: Date;
}

/**
 * Load `staged` (or record its rejection when any finding is an error). The staged temporary tables
 * of an export are dropped whatever happens.
 */
export async function loadStagedFile(
  connection: DuckDBConnection,
  staged: StagedFile,
  context: LoadContext,
): Promise<LoadResult> {
  try {
    const rejected = staged.kind === 'unreadable' || staged.findings.some((f) => f.severity === 'error');
    if (rejected) return await recordRejection(connection, staged, context);
    return staged.kind === 'return'
      ? await loadReturn(connection, staged, context)
      : await loadExport(connection, staged, context);
  } finally {
    if (staged.kind === 'export')
      for (const y of staged.yields)
        await connection.run(`DROP TABLE IF EXISTS temp.main.${quoteIdentifier(y.table)}`);
  }
}

async function loadReturn(
  connection: DuckDBConnection,
  staged: StagedReturn,
  context: LoadContext,
): Promise<LoadResult> {
  const region = staged.region!;
  const period = staged.period!;
  const result = await inTransaction(connection, async () => {
    const now = toDuckTimestamp(context.now);
    const current = await connection.runAndReadAll(
      `SELECT file_hash FROM source_file
       WHERE source_kind = 'return' AND status IN ('loaded', 'revised') AND superseded_at IS NULL
         AND region_code = ? AND period = CAST(? AS DATE)`,
      [region, firstDay(period)],
    );
    const older = current.getRowObjectsJson().map((r) => r.file_hash as string);
    // A resubmission replaces only the indicators it reports (SPEC §8): a district sending one file
    // per section, or a late baseline file, keeps what its other files said.
    const codes = JSON.stringify([...new Set(staged.values.map((v) => v.indicatorCode))].sort());
    const replaced = new Set<string>();
    for (const old of older) {
      const superseded = await connection.runAndReadAll(
        `UPDATE fact_value SET superseded_at = $now, superseded_by = $hash
         WHERE file_hash = $old AND superseded_at IS NULL
           AND list_contains(CAST(json($codes) AS VARCHAR[]), indicator_code)
         RETURNING indicator_code`,
        { now, hash: staged.hash, old, codes },
      );
      for (const [code] of superseded.getRowsJS()) replaced.add(String(code));
      // The older file is superseded as a whole only once none of its values is current.
      await connection.run(
        `UPDATE source_file SET superseded_at = $now, superseded_by = $hash
         WHERE file_hash = $old AND superseded_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM fact_value WHERE file_hash = $old AND superseded_at IS NULL)`,
        { now, hash: staged.hash, old },
      );
    }
    const kept =
      older.length === 0
        ? []
        : (
            await connection.runAndReadAll(
              `SELECT DISTINCT indicator_code FROM fact_value
               WHERE superseded_at IS NULL AND list_contains(CAST(json($older) AS VARCHAR[]), file_hash)
               ORDER BY indicator_code`,
              { older: JSON.stringify(older) },
            )
          )
            .getRowsJS()
            .map(([code]) => String(code));
    const status = replaced.size > 0 ? 'revised' : 'loaded';
    await recordSourceFile(connection, staged, { region, period, status }, context);
    await insertFacts(connection, returnFacts(staged), { runId: context.runId, loadedAt: context.now });
    await storeFindings(connection, staged.findings, {
      runId: context.runId,
      fileHash: staged.hash,
      foundAt: context.now,
    });
    return { status, replaced: [...replaced].sort(), kept } as const;
  });
  return { ...result, period };
}

/**
 * Load `returns` in one transaction, as `loadStagedFile` would one after another: each a return with
 * no errors for a region and month that has no current return, and no two giving a value for the
 * same indicator, region, month and measure (the caller makes sure). Their status is `loaded`.
 */
export async function loadFreshReturns(
  connection: DuckDBConnection,
  returns: readonly StagedReturn[],
  context: LoadContext,
): Promise<void> {
  if (returns.length === 0) return;
  await inTransaction(connection, async () => {
    await recordSourceFiles(
      connection,
      returns.map((staged) => ({ staged, region: staged.region, period: staged.period, status: 'loaded' })),
      context,
    );
    await insertFacts(connection, returns.flatMap(returnFacts), {
      runId: context.runId,
      loadedAt: context.now,
    });
    for (const staged of returns)
      await storeFindings(connection, staged.findings, {
        runId: context.runId,
        fileHash: staged.hash,
        foundAt: context.now,
      });
  });
}

/** A return's values as facts, each with its sheet and cell. */
function returnFacts(staged: StagedReturn): FactInput[] {
  return staged.values.map((v) => ({
    indicatorCode: v.indicatorCode,
    regionCode: staged.region!,
    period: v.period,
    measure: v.measure,
    value: v.value,
    sourceKind: 'return',
    fileHash: staged.hash,
    sheet: maskNationalIds(v.sheet),
    cell: v.cell,
  }));
}

async function loadExport(
  connection: DuckDBConnection,
  staged: StagedExport,
  context: LoadContext,
): Promise<LoadResult> {
  return inTransaction(connection, async () => {
    const facts: FactInput[] = [];
    for (const y of staged.yields) facts.push(...(await yieldFacts(connection, staged.hash, y)));
    const periods = new Set(facts.map((f) => f.period));
    const period = periods.size === 1 ? [...periods][0]! : null;
    await recordSourceFile(connection, staged, { region: null, period, status: 'loaded' }, context);
    await insertFacts(connection, facts, { runId: context.runId, loadedAt: context.now });
    await storeFindings(connection, staged.findings, {
      runId: context.runId,
      fileHash: staged.hash,
      foundAt: context.now,
    });
    return { status: 'loaded' as const, period, replaced: [], kept: [] };
  });
}

/** The facts one yield gives: its values per region and month, only where new or changed. */
async function yieldFacts(
  connection: DuckDBConnection,
  fileHash: string,
  y: StagedYield,
): Promise<FactInput[]> {
  const table = `temp.main.${quoteIdentifier(y.table)}`;
  let counted: string;
  if (y.count === 'persons') {
    await mergePersons(connection, table, y.indicatorCode, fileHash);
    // Every month of the years the file touches: a person seen earlier than before moves months.
    counted = `SELECT region_code, strftime(first_date, '%Y-%m-01') AS period, count(*)::BIGINT::VARCHAR AS value
               FROM person_seen WHERE indicator_code = $indicator AND year IN (SELECT DISTINCT year FROM ${table})
               GROUP BY ALL`;
  } else {
    counted = `SELECT region_code, strftime(period, '%Y-%m-01') AS period, CAST(value AS VARCHAR) AS value FROM ${table}`;
  }
  const fill = y.zeroFill;
  const filled = fill
    ? `WITH counted AS (${counted}),
         months AS (SELECT unnest(CAST(json($months) AS VARCHAR[])) AS period UNION SELECT period FROM counted
           -- A person moved to an earlier month can leave a month with no one: recount it too.
           ${y.count === 'persons' ? `UNION SELECT strftime(period, '%Y-%m-01') FROM fact_value WHERE indicator_code = $indicator AND source_kind = 'export' AND superseded_at IS NULL AND year(period) IN (SELECT year(CAST(period AS DATE)) FROM counted)` : ''}),
         regions AS (SELECT unnest(CAST(json($regions) AS VARCHAR[])) AS region_code UNION SELECT region_code FROM counted)
       SELECT r.region_code, m.period, coalesce(c.value, '0') AS value
       FROM months m CROSS JOIN regions r LEFT JOIN counted c USING (region_code, period)`
    : counted;
  // Lists travel as JSON text, so no value is pasted into the SQL.
  const params: Record<string, string> = { indicator: y.indicatorCode, measure: y.measure };
  if (fill) {
    params.months = JSON.stringify(fill.months.map(firstDay));
    params.regions = JSON.stringify(fill.regions);
  }
  const sql = `WITH v AS (${filled})
     SELECT v.region_code, v.period, v.value FROM v
     LEFT JOIN fact_value f ON f.indicator_code = $indicator AND f.region_code = v.region_code
       AND f.period = CAST(v.period AS DATE) AND f.measure = $measure AND f.source_kind = 'export' AND f.superseded_at IS NULL
     WHERE f.value IS NULL OR f.value <> CAST(v.value AS DECIMAL(38, 6))
     ORDER BY v.period, v.region_code`;
  const changed = await connection.runAndReadAll(sql, params);
  return changed.getRowObjectsJson().map((row) => {
    const period = periodOfDate(String(row.period));
    return {
      indicatorCode: y.indicatorCode,
      regionCode: String(row.region_code),
      period,
      measure: y.measure,
      value: new Decimal(String(row.value)),
      sourceKind: 'export' as const,
      fileHash,
      rowGroup: `${y.rowGroup} ${String(row.region_code)} ${period}`,
    };
  });
}

/**
 * Add a file's persons to `person_seen`: a person new this year is counted in the month of their
 * first record; one seen before is moved only if this file shows an earlier record.
 */
async function mergePersons(
  connection: DuckDBConnection,
  table: string,
  indicatorCode: string,
  fileHash: string,
) {
  await connection.run(
    `UPDATE person_seen s SET first_date = p.first_date, region_code = p.region_code, file_hash = $file
     FROM ${table} p
     WHERE s.indicator_code = $indicator AND s.year = p.year AND s.person_hash = p.person_hash AND p.first_date < s.first_date`,
    { indicator: indicatorCode, file: fileHash },
  );
  await connection.run(
    `INSERT INTO person_seen
     SELECT $indicator, p.year, p.person_hash, p.region_code, p.first_date, $file FROM ${table} p
     WHERE NOT EXISTS (SELECT 1 FROM person_seen s WHERE s.indicator_code = $indicator AND s.year = p.year AND s.person_hash = p.person_hash)`,
    { indicator: indicatorCode, file: fileHash },
  );
}

/** Record the rejection and all its findings; nothing of the file is loaded. */
async function recordRejection(
  connection: DuckDBConnection,
  staged: StagedFile,
  context: LoadContext,
): Promise<LoadResult> {
  const region = staged.kind === 'return' ? staged.region : null;
  const period = staged.kind === 'return' ? staged.period : null;
  await inTransaction(connection, async () => {
    await recordSourceFile(connection, staged, { region, period, status: 'rejected' }, context);
    await storeFindings(connection, staged.findings, {
      runId: context.runId,
      fileHash: staged.hash,
      foundAt: context.now,
    });
  });
  return { status: 'rejected', period, replaced: [], kept: [] };
}

/** The file's one `source_file` row. */
async function recordSourceFile(
  connection: DuckDBConnection,
  staged: StagedFile,
  row: Omit<SourceFileRow, 'staged'>,
  context: LoadContext,
): Promise<void> {
  await recordSourceFiles(connection, [{ staged, ...row }], context);
}

/** A file's `source_file` row: the file, and what loading it decided. */
interface SourceFileRow {
  readonly staged: StagedFile;
  readonly region: string | null;
  readonly period: Period | null;
  readonly status: LoadResult['status'];
}

/** Files' `source_file` rows, through the Appender (columns in table order). */
async function recordSourceFiles(
  connection: DuckDBConnection,
  rows: readonly SourceFileRow[],
  context: LoadContext,
): Promise<void> {
  const appender = await connection.createAppender('source_file');
  try {
    const text = (value: string | null) =>
      value === null ? appender.appendNull() : appender.appendVarchar(value);
    for (const { staged, region, period, status } of rows) {
      text(staged.hash);
      text(maskNationalIds(path.basename(staged.file)));
      text(staged.kind === 'unreadable' ? staged.sourceKind : staged.kind);
      text(staged.sourceName);
      text(region);
      if (period === null) appender.appendNull();
      else appender.appendDate(toDuckDate(firstDay(period)));
      text(status);
      appender.appendTimestampTZ(toDuckTimestamp(context.now));
      text(context.runId);
      appender.appendNull(); // superseded_at
      appender.appendNull(); // superseded_by
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
