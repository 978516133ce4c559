/**
 * Loads one district return: content hash (same file again → `unchanged`), parse, checks; any error
 * rejects the file whole (only the rejection and its findings are recorded); otherwise one
 * transaction records the file, its facts with cell provenance and its warnings, superseding an
 * earlier return for the same district and month (`revised`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { toDuckTimestamp } from '../../warehouse/duck-values.ts';
import { insertFacts, type FactInput } from '../../warehouse/insert-facts.ts';
import { inTransaction } from '../../warehouse/open-warehouse.ts';
import type { FileOutcome, FileStatus } from '../file-outcome.ts';
import type { Finding } from '../finding.ts';
import type { IngestContext } from '../ingest-file.ts';
import { storeFindings } from '../store-findings.ts';
import { checkDistrictReturn } from './check-district-return.ts';
import { checkWorkbookLimits } from './check-workbook-limits.ts';
import { parseDistrictReturn, type ParsedReturn } from './parse-district-return.ts';

/** Source name recorded in `source_file` for district returns. */
export const DISTRICT_RETURN_SOURCE = 'district_return';

/** Ingest the return at `filePath` into the warehouse. */
export async function ingestDistrictReturn(
  connection: DuckDBConnection,
  filePath: string,
  context: IngestContext,
): Promise<FileOutcome> {
  let bytes: Buffer;
  try {
    // Measured before anything reads it whole: a hostile workbook never reaches exceljs.
    const beyondLimits = await checkWorkbookLimits(filePath, context.config.limits);
    if (beyondLimits.length > 0) return reject(connection, filePath, null, null, beyondLimits, context);
    bytes = await readFile(filePath);
  } catch (error) {
    return reject(connection, filePath, null, null, [unreadable(filePath, error)], context);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const loaded = await connection.runAndReadAll(
    `SELECT region_code, strftime(period, '%Y-%m') AS period FROM source_file
     WHERE file_hash = ? AND status IN ('loaded', 'revised') LIMIT 1`,
    [hash],
  );
  const earlier = loaded.getRowObjectsJson()[0];
  if (earlier)
    return {
      file: filePath,
      status: 'unchanged',
      region: (earlier.region_code as string | null) ?? null,
      period: (earlier.period as string | null) ?? null,
      errors: [],
      warnings: [],
    };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return reject(connection, filePath, hash, null, [unreadable(filePath, error)], context);
  }
  const parsed = parseDistrictReturn(workbook, filePath, context.catalogue, context.now);
  const previous = await previousYtd(connection, parsed, context.catalogue);
  const findings = [...parsed.findings, ...checkDistrictReturn(parsed, context.catalogue, previous)];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) return reject(connection, filePath, hash, parsed, findings, context);

  const warnings = findings.filter((f) => f.severity === 'warning');
  const region = parsed.region!;
  const period = parsed.period!;
  const status = await inTransaction(connection, async (): Promise<FileStatus> => {
    const now = toDuckTimestamp(context.now);
    const current = await connection.runAndReadAll(
      `SELECT file_hash FROM source_file
       WHERE source_kind = 'return' AND status IN ('loaded', 'revised') AND superseded_at IS NULL
         AND region_code = ? AND period = CAST(? AS DATE)`,
      [region, `${period}-01`],
    );
    const replaced = current.getRowObjectsJson().map((r) => r.file_hash as string);
    for (const old of replaced) {
      // The whole older return is replaced, including figures the new one leaves out.
      await connection.run(
        `UPDATE source_file SET superseded_at = ?, superseded_by = ? WHERE file_hash = ? AND superseded_at IS NULL`,
        [now, hash, old],
      );
      await connection.run(
        `UPDATE fact_value SET superseded_at = ?, superseded_by = ? WHERE file_hash = ? AND superseded_at IS NULL`,
        [now, hash, old],
      );
    }
    const status: FileStatus = replaced.length > 0 ? 'revised' : 'loaded';
    await insertSourceFile(connection, { hash, filePath, region, period, status, context });
    const facts: FactInput[] = parsed.values.map((v) => ({
      indicatorCode: v.indicatorCode,
      regionCode: region,
      period: `${v.period}-01`,
      measure: v.measure,
      value: v.value,
      sourceKind: 'return',
      fileHash: hash,
      sheet: v.sheet,
      cell: v.cell,
    }));
    await insertFacts(connection, facts, { runId: context.runId, loadedAt: context.now });
    await storeFindings(connection, warnings, { runId: context.runId, fileHash: hash, foundAt: context.now });
    return status;
  });
  return { file: filePath, status, region, period, errors: [], warnings };
}

/** Record the rejection and all its findings; nothing of the return is loaded. */
async function reject(
  connection: DuckDBConnection,
  filePath: string,
  hash: string | null,
  parsed: ParsedReturn | null,
  findings: readonly Finding[],
  context: IngestContext,
): Promise<FileOutcome> {
  const region = parsed?.region ?? null;
  const period = parsed?.period ?? null;
  const fileHash = hash ?? `unreadable:${path.resolve(filePath)}`;
  await inTransaction(connection, async () => {
    await insertSourceFile(connection, {
      hash: fileHash,
      filePath,
      region,
      period,
      status: 'rejected',
      context,
    });
    await storeFindings(connection, findings, { runId: context.runId, fileHash, foundAt: context.now });
  });
  return {
    file: filePath,
    status: 'rejected',
    region,
    period,
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
  };
}

async function insertSourceFile(
  connection: DuckDBConnection,
  row: {
    hash: string;
    filePath: string;
    region: string | null;
    period: string | null;
    status: 'loaded' | 'revised' | 'rejected';
    context: IngestContext;
  },
): Promise<void> {
  await connection.run(
    `INSERT INTO source_file (file_hash, file_name, source_kind, source_name, region_code, period, status, received_at, run_id)
     VALUES (?, ?, 'return', ?, CAST(? AS VARCHAR), CAST(? AS DATE), ?, ?, ?)`,
    [
      row.hash,
      path.basename(row.filePath),
      DISTRICT_RETURN_SOURCE,
      row.region,
      row.period === null ? null : `${row.period}-01`,
      row.status,
      toDuckTimestamp(row.context.now),
      row.context.runId,
    ],
  );
}

/**
 * The YTD of the month before the report month, per flow indicator, from the district's current
 * returns (its 1-(N−1)月累计, else the sum of months 1..N−1). Only asked when the return gives a YTD.
 */
async function previousYtd(
  connection: DuckDBConnection,
  parsed: ParsedReturn,
  catalogue: Catalogue,
): Promise<Map<string, Decimal>> {
  const result = new Map<string, Decimal>();
  const { region, period } = parsed;
  if (!region || !period || period.endsWith('-01')) return result;
  const flows = new Set(catalogue.indicators.filter((i) => i.kind === 'flow').map((i) => i.code));
  if (!parsed.values.some((v) => v.measure === 'ytd' && v.period === period && flows.has(v.indicatorCode)))
    return result;
  const reader = await connection.runAndReadAll(
    `SELECT indicator_code, strftime(period, '%Y-%m') AS period, measure, value::VARCHAR AS value FROM fact_value
     WHERE source_kind = 'return' AND superseded_at IS NULL AND region_code = ? AND measure IN ('ytd', 'month')
       AND period >= CAST(? AS DATE) AND period < CAST(? AS DATE)`,
    [region, `${period.slice(0, 4)}-01-01`, `${period}-01`],
  );
  const month = Number(period.slice(5));
  const last = `${period.slice(0, 4)}-${String(month - 1).padStart(2, '0')}`;
  const sums = new Map<string, { sum: Decimal; months: number }>();
  for (const row of reader.getRowObjectsJson()) {
    const code = row.indicator_code as string;
    if (!flows.has(code)) continue;
    const value = new Decimal(row.value as string);
    if (row.measure === 'ytd' && row.period === last) result.set(code, value);
    if (row.measure === 'month') {
      const s = sums.get(code) ?? { sum: new Decimal(0), months: 0 };
      sums.set(code, { sum: s.sum.plus(value), months: s.months + 1 });
    }
  }
  for (const [code, s] of sums) if (!result.has(code) && s.months === month - 1) result.set(code, s.sum);
  return result;
}

function unreadable(filePath: string, error: unknown): Finding {
  return {
    code: 'unreadable_file',
    severity: 'error',
    location: { file: filePath },
    message: `cannot read ${path.basename(filePath)} as an Excel workbook (.xlsx): ${(error as Error).message}`,
  };
}
