/**
 * Loads one business-system export by its definition. DuckDB's own readers do the reading and SQL
 * does the counting; JavaScript only streams GBK to UTF-8. Personal ID numbers are validated and
 * replaced by salted hashes as the file is read: no ID reaches a table, not even a temporary one.
 * The file loads whole in one transaction or not at all; the same content twice is `unchanged`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createPrivateTempDir, removePrivateTempDir } from '../../core/private-temp.ts';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from 'decimal.js';
import { tableFromIPC } from 'apache-arrow';
import { readFile } from 'node:fs/promises';
import type { FileOutcome } from '../file-outcome.ts';
import type { Finding } from '../finding.ts';
import type { IngestContext } from '../ingest-file.ts';
import { storeFindings } from '../store-findings.ts';
import { insertFacts, type FactInput } from '../../warehouse/insert-facts.ts';
import { toDuckTimestamp } from '../../warehouse/duck-values.ts';
import { inTransaction } from '../../warehouse/open-warehouse.ts';
import { quoteIdentifier, quoteLiteral } from '../../warehouse/sql.ts';
import type { ExportDefinition, ExportYield } from './export-definition.ts';
import { validIdNumberSql } from './id-number-sql.ts';
import { readOrCreateSalt } from './read-or-create-salt.ts';
import { detectEncoding, EncodingError, transcodeToUtf8 } from './transcode-to-utf8.ts';

type Format = 'csv' | 'parquet' | 'jsonl' | 'arrow';

/** Validate and load an export file that matched `definition`. */
export async function ingestSystemExport(
  connection: DuckDBConnection,
  filePath: string,
  definition: ExportDefinition,
  context: IngestContext,
): Promise<FileOutcome> {
  const hash = await sha256File(filePath);
  const seen = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM source_file WHERE file_hash = $1 AND status <> 'rejected'`,
    [hash],
  );
  if (Number(seen.getRowsJS()[0]![0]) > 0)
    return { file: filePath, status: 'unchanged', region: null, period: null, errors: [], warnings: [] };

  const at = (extra: Partial<Finding['location']> = {}) => ({ file: path.basename(filePath), ...extra });
  const scratch = createPrivateTempDir(context.config.db, 'export-');
  try {
    let staged: { findings: Finding[] };
    try {
      const source = await sourceRelation(connection, filePath, definition, scratch);
      staged = await stage(connection, source, definition, context, at);
    } catch (error) {
      const message =
        error instanceof EncodingError
          ? `${error.message}: the file is not ${error.encoding}; export it again in UTF-8 or GBK`
          : `cannot read the file: ${(error as Error).message.split('\n')[0]}`;
      return reject(
        connection,
        filePath,
        hash,
        definition,
        [{ code: 'unreadable_file', severity: 'error', location: at(), message }],
        context,
      );
    }
    const errors = staged.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) return reject(connection, filePath, hash, definition, staged.findings, context);
    const warnings = staged.findings.filter((f) => f.severity === 'warning');

    const periods = await inTransaction(connection, async () => {
      const values = await aggregate(connection, definition, context, hash);
      await connection.run(
        `INSERT INTO source_file (file_hash, file_name, source_kind, source_name, region_code, period, status, received_at, run_id)
         VALUES ($1, $2, 'export', $3, NULL, $4, 'loaded', $5, $6)`,
        [
          hash,
          path.basename(filePath),
          definition.name,
          values.singlePeriod,
          toDuckTimestamp(context.now),
          context.runId,
        ],
      );
      await insertFacts(connection, values.facts, { runId: context.runId, loadedAt: context.now });
      await storeFindings(connection, warnings, {
        runId: context.runId,
        fileHash: hash,
        foundAt: context.now,
      });
      return values;
    });
    return {
      file: filePath,
      status: 'loaded',
      region: null,
      period: periods.singlePeriod?.slice(0, 7) ?? null,
      errors: [],
      warnings,
    };
  } finally {
    await connection.run('DROP TABLE IF EXISTS export_stage');
    await connection.run('DROP TABLE IF EXISTS export_arrow');
    removePrivateTempDir(scratch);
  }
}

/** Where each column the definition uses sits in `export_stage`: dates as `date_<i>`, other values as `value_<i>`. */
function stageLayout(definition: ExportDefinition): { dateColumns: string[]; valueColumns: string[] } {
  const dateColumns = [
    ...new Set([
      definition.date.column,
      ...definition.yields.map((y) => y.date_column).filter((c): c is string => !!c),
    ]),
  ];
  const valueColumns = [
    ...new Set(
      definition.yields.flatMap((y) => [
        ...y.filter.map((f) => f.column),
        ...(typeof y.count === 'object' ? ['sum' in y.count ? y.count.sum : y.count.distinct] : []),
      ]),
    ),
  ].filter((c) => !dateColumns.includes(c) && c !== definition.person_id);
  return { dateColumns, valueColumns };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function formatOf(file: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.arrow' || ext === '.feather' || ext === '.ipc') return 'arrow';
  return 'csv';
}

/** A SQL relation over the file's rows, every column as text, with the file's own row numbers. */
async function sourceRelation(
  connection: DuckDBConnection,
  filePath: string,
  definition: ExportDefinition,
  scratch: string,
): Promise<string> {
  const format = formatOf(filePath);
  const columns = `{${definition.columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  switch (format) {
    case 'csv': {
      const encoding =
        definition.encoding === 'auto'
          ? detectEncoding(filePath)
          : definition.encoding === 'utf8'
            ? 'utf8'
            : 'gb18030';
      let readable = filePath;
      if (encoding === 'gb18030') {
        readable = path.join(scratch, 'utf8.csv');
        await transcodeToUtf8(filePath, readable);
      }
      return `read_csv(${quoteLiteral(readable)}, header = true, all_varchar = true, delim = ',', quote = '"', strict_mode = false)`;
    }
    case 'parquet':
      return `read_parquet(${quoteLiteral(filePath)})`;
    case 'jsonl':
      return `read_json(${quoteLiteral(filePath)}, format = 'newline_delimited', columns = ${columns})`;
    case 'arrow': {
      // DuckDB has no built-in Arrow IPC reader here: append the batches (exports in Arrow are aggregated, small).
      const table = tableFromIPC(await readFile(filePath));
      const names = table.schema.fields.map((f) => f.name);
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE export_arrow (${names.map((n) => `${quoteIdentifier(n)} VARCHAR`).join(', ')})`,
      );
      const appender = await connection.createAppender('export_arrow', 'main', 'temp');
      try {
        for (const row of table) {
          for (const name of names) {
            const value = (row as unknown as Record<string, unknown>)[name];
            if (value === null || value === undefined) appender.appendNull();
            else appender.appendVarchar(String(value));
          }
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      return 'temp.export_arrow';
    }
  }
}

/**
 * Read the rows into `export_stage`: only the columns the definition uses, trimmed text, region and
 * month resolved, IDs replaced by salted hashes. Returns the findings about the rows.
 */
async function stage(
  connection: DuckDBConnection,
  source: string,
  definition: ExportDefinition,
  context: IngestContext,
  at: (extra?: Partial<Finding['location']>) => Finding['location'],
): Promise<{ findings: Finding[] }> {
  const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJson();
  const present = new Set(
    described.map((r) =>
      String(r.column_name)
        .replace(/^\ufeff/, '')
        .trim(),
    ),
  );
  const missing = definition.columns.filter((c) => !present.has(c));
  if (missing.length > 0)
    return {
      findings: [
        {
          code: 'missing_columns',
          severity: 'error',
          location: at(),
          message: `${definition.system}导出文件缺少列：${missing.join('、')}（应有：${definition.columns.join('、')}）`,
        },
      ],
    };

  // Three layers, so each expression is computed once per row: trimmed text with the file's row
  // numbers; then dates parsed and the ID checked; then the region looked up and the ID hashed.
  const text = (column: string) => `nullif(trim(CAST(${quoteIdentifier(column)} AS VARCHAR)), '')`;
  const parseDate = (raw: string, column: string) =>
    definition.date.format === 'yyyymm' && column === definition.date.column
      ? `CAST(try_strptime(${raw} || '01', '%Y%m%d') AS DATE)`
      : `CAST(CASE WHEN contains(${raw}, '-') THEN try_strptime(${raw}, '%Y-%m-%d')
                   WHEN contains(${raw}, '/') THEN try_strptime(${raw}, '%Y/%m/%d')
                   ELSE try_strptime(${raw}, '%Y%m%d') END AS DATE)`;
  const { dateColumns, valueColumns } = stageLayout(definition);
  const regionRaw =
    'fixed' in definition.region ? quoteLiteral(definition.region.fixed) : text(definition.region.column);
  const salt = definition.person_id ? readOrCreateSalt(context.config.salt_file) : null;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE export_stage AS
     WITH names AS (SELECT region_code AS name, region_code FROM dim_region
                    UNION SELECT alias, region_code FROM region_alias),
     raw AS (
       SELECT row_number() OVER () AS row_no, ${regionRaw} AS region_raw
         ${dateColumns.map((c, i) => `, ${text(c)} AS date_raw_${i}`).join('')}
         ${valueColumns.map((c, i) => `, ${text(c)} AS value_${i}`).join('')}
         ${definition.person_id ? `, upper(${text(definition.person_id)}) AS id_text` : ''}
       FROM ${source}),
     checked AS (
       SELECT * ${dateColumns.map((c, i) => `, ${parseDate(`date_raw_${i}`, c)} AS date_${i}`).join('')}
         ${definition.person_id ? `, ${validIdNumberSql('id_text')} AS id_valid` : ''}
       FROM raw)
     SELECT checked.* EXCLUDE (${definition.person_id ? 'id_text' : 'row_no'}) ${definition.person_id ? '' : ', row_no'},
       names.region_code
       ${definition.person_id ? `, CASE WHEN id_valid THEN sha256($salt || id_text) END AS person_hash` : ''}
     FROM checked LEFT JOIN names ON names.name = checked.region_raw`,
    salt === null ? undefined : { salt },
  );

  const findings: Finding[] = [];
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  const sample = (list: unknown) => (list as number[]).map((n) => Number(n) + 1).join(', ');
  const [badRegion] = await rows(
    `SELECT count(*)::INTEGER AS n, list(DISTINCT region_raw)[1:5] AS examples, list(row_no ORDER BY row_no)[1:5] AS rows
     FROM export_stage WHERE region_code IS NULL`,
  );
  if (Number(badRegion!.n) > 0)
    findings.push({
      code: 'unknown_region',
      severity: 'error',
      location: at({ row: sample(badRegion!.rows) }),
      message: `${badRegion!.n}行的行政区划代码不是已知地区：${(badRegion!.examples as string[]).map((e) => e ?? '（空）').join('、')}（文件第${sample(badRegion!.rows)}行）`,
    });
  for (const [i, column] of dateColumns.entries()) {
    const mainDate = column === definition.date.column;
    const [bad] = await rows(
      `SELECT count(*)::INTEGER AS n, list(date_raw_${i})[1:5] AS examples, list(row_no ORDER BY row_no)[1:5] AS rows
       FROM export_stage WHERE date_${i} IS NULL AND ${mainDate ? 'true' : `date_raw_${i} IS NOT NULL`}`,
    );
    if (Number(bad!.n) > 0)
      findings.push({
        code: 'invalid_date',
        severity: 'error',
        location: at({ row: sample(bad!.rows) }),
        message: `${bad!.n}行的${column}不是日期（YYYY-MM-DD、YYYY/MM/DD或YYYYMMDD${mainDate && definition.date.format === 'yyyymm' ? '，或YYYYMM' : ''}）：${(bad!.examples as string[]).map((e) => e ?? '（空）').join('、')}`,
      });
  }
  for (const [i, column] of valueColumns.entries()) {
    const summed = definition.yields.some(
      (y) => typeof y.count === 'object' && 'sum' in y.count && y.count.sum === column,
    );
    if (!summed) continue;
    const [bad] = await rows(
      `SELECT count(*) FILTER (WHERE value_${i} IS NOT NULL AND TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6)) IS NULL)::INTEGER AS nonnumeric,
              count(*) FILTER (WHERE TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6)) < 0)::INTEGER AS negative,
              list(row_no ORDER BY row_no) FILTER (WHERE value_${i} IS NOT NULL AND (TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6)) IS NULL
                OR TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6)) < 0))[1:5] AS rows
       FROM export_stage`,
    );
    if (Number(bad!.nonnumeric) > 0)
      findings.push({
        code: 'non_numeric',
        severity: 'error',
        location: at({ row: sample(bad!.rows) }),
        message: `${bad!.nonnumeric}行的${column}不是数字（文件第${sample(bad!.rows)}行）`,
      });
    if (Number(bad!.negative) > 0)
      findings.push({
        code: 'negative_count',
        severity: 'error',
        location: at({ row: sample(bad!.rows) }),
        message: `${bad!.negative}行的${column}为负数（文件第${sample(bad!.rows)}行）`,
      });
  }
  if (definition.person_id) {
    const [bad] = await rows(
      `SELECT count(*)::INTEGER AS n, list(row_no ORDER BY row_no)[1:10] AS rows FROM export_stage WHERE NOT id_valid`,
    );
    if (Number(bad!.n) > 0)
      findings.push({
        code: 'invalid_id_number',
        severity: 'warning',
        location: at({ row: sample(bad!.rows) }),
        message: `${bad!.n}行的${definition.person_id}无效（不是18位或校验码不符），这些行未计入：文件第${sample(bad!.rows)}行${Number(bad!.n) > 10 ? '等' : ''}`,
      });
  }
  return { findings };
}

/** Count every yield per region and month; facts only where the value is new or changed. */
async function aggregate(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  context: IngestContext,
  fileHash: string,
): Promise<{ facts: FactInput[]; singlePeriod: string | null }> {
  const { dateColumns, valueColumns } = stageLayout(definition);
  const valueOf = (column: string) => `value_${valueColumns.indexOf(column)}`;
  const dateOf = (y: ExportYield) => `date_${dateColumns.indexOf(y.date_column ?? definition.date.column)}`;
  const where = (y: ExportYield) =>
    [
      `${dateOf(y)} IS NOT NULL`,
      ...y.filter.map((f) =>
        'equals' in f
          ? `${valueOf(f.column)} IN (${f.equals.map(quoteLiteral).join(', ')})`
          : `${dateColumns.includes(f.column) ? `date_${dateColumns.indexOf(f.column)}` : valueOf(f.column)} IS NOT NULL`,
      ),
    ].join(' AND ');

  const facts: FactInput[] = [];
  let singlePeriod: string | null | undefined;
  for (const y of definition.yields) {
    const indicator = context.catalogue.findIndicator(y.indicator)!;
    let sql: string;
    if (y.count === 'distinct_persons') {
      await mergePersons(
        connection,
        indicator.code,
        `${where(y)} AND person_hash IS NOT NULL`,
        dateOf(y),
        fileHash,
      );
      // Every month of the years the file touches: a person seen earlier than before moves months.
      sql = `SELECT region_code, strftime(first_date, '%Y-%m-01') AS period, count(*)::BIGINT::VARCHAR AS value
             FROM person_seen WHERE indicator_code = ${quoteLiteral(indicator.code)}
               AND year IN (SELECT DISTINCT year(${dateOf(y)}) FROM export_stage WHERE ${where(y)})
             GROUP BY ALL`;
    } else {
      const measure =
        y.count === 'rows'
          ? 'count(*)'
          : 'distinct' in y.count
            ? `count(DISTINCT ${valueOf(y.count.distinct)})`
            : `sum(CAST(replace(${valueOf(y.count.sum)}, ',', '') AS DECIMAL(38, 6)))`;
      sql = `SELECT region_code, strftime(${dateOf(y)}, '%Y-%m-01') AS period, CAST(${measure} AS VARCHAR) AS value
             FROM export_stage WHERE ${where(y)} GROUP BY ALL`;
    }
    // A month the file covers with no record for a district is a true zero for a count; a level is
    // never invented.
    const filled =
      y.measure === 'month'
        ? `WITH counted AS (${sql}),
             covered AS (
               SELECT strftime(unnest(generate_series(date_trunc('month', least(${dateColumns.map((_, i) => `min(date_${i})`).join(', ')})),
                                                       date_trunc('month', greatest(${dateColumns.map((_, i) => `max(date_${i})`).join(', ')})),
                                                       INTERVAL 1 MONTH)), '%Y-%m-01') AS period
               FROM export_stage),
             months AS (SELECT period FROM covered UNION SELECT period FROM counted
               -- A person moved to an earlier month can leave a month with no one: recount it too.
               ${y.count === 'distinct_persons' ? `UNION SELECT strftime(period, '%Y-%m-01') FROM fact_value WHERE indicator_code = $indicator AND source_kind = 'export' AND superseded_at IS NULL AND year(period) IN (SELECT year(CAST(period AS DATE)) FROM counted)` : ''}),
             regions AS (
               ${'fixed' in definition.region ? `SELECT ${quoteLiteral(definition.region.fixed)} AS region_code` : `SELECT region_code FROM dim_region WHERE level = 'district' UNION SELECT region_code FROM counted`})
           SELECT r.region_code, m.period, coalesce(c.value, '0') AS value
           FROM months m CROSS JOIN regions r LEFT JOIN counted c USING (region_code, period)`
        : sql;
    const changed = await connection.runAndReadAll(
      `WITH v AS (${filled})
       SELECT v.region_code, v.period, v.value FROM v
       LEFT JOIN fact_value f ON f.indicator_code = $indicator AND f.region_code = v.region_code
         AND f.period = CAST(v.period AS DATE) AND f.measure = $measure AND f.source_kind = 'export' AND f.superseded_at IS NULL
       WHERE f.value IS NULL OR f.value <> CAST(v.value AS DECIMAL(38, 6))
       ORDER BY v.period, v.region_code`,
      { indicator: indicator.code, measure: y.measure },
    );
    for (const row of changed.getRowObjectsJson()) {
      const period = String(row.period);
      singlePeriod = singlePeriod === undefined || singlePeriod === period ? period : null;
      facts.push({
        indicatorCode: indicator.code,
        regionCode: String(row.region_code),
        period,
        measure: y.measure,
        value: new Decimal(String(row.value)),
        sourceKind: 'export',
        fileHash,
        rowGroup: `${definition.name}: ${y.indicator} ${String(row.region_code)} ${period.slice(0, 7)}`,
      });
    }
  }
  return { facts, singlePeriod: singlePeriod ?? null };
}

/**
 * Add this file's persons to `person_seen`: a person new this year is counted in the month of their
 * first record; one seen before is moved only if this file shows an earlier record.
 */
async function mergePersons(
  connection: DuckDBConnection,
  indicatorCode: string,
  where: string,
  dateColumn: string,
  fileHash: string,
) {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE export_person AS
     SELECT person_hash, year(${dateColumn}) AS year, min(${dateColumn}) AS first_date,
            arg_min(region_code, (${dateColumn}, row_no)) AS region_code
     FROM export_stage WHERE ${where} GROUP BY ALL`,
  );
  await connection.run(
    `UPDATE person_seen s SET first_date = p.first_date, region_code = p.region_code, file_hash = $file
     FROM export_person p
     WHERE s.indicator_code = $indicator AND s.year = p.year AND s.person_hash = p.person_hash AND p.first_date < s.first_date`,
    { indicator: indicatorCode, file: fileHash },
  );
  await connection.run(
    `INSERT INTO person_seen
     SELECT $indicator, p.year, p.person_hash, p.region_code, p.first_date, $file FROM export_person p
     WHERE NOT EXISTS (SELECT 1 FROM person_seen s WHERE s.indicator_code = $indicator AND s.year = p.year AND s.person_hash = p.person_hash)`,
    { indicator: indicatorCode, file: fileHash },
  );
  await connection.run('DROP TABLE export_person');
}

async function reject(
  connection: DuckDBConnection,
  filePath: string,
  hash: string,
  definition: ExportDefinition,
  findings: readonly Finding[],
  context: IngestContext,
): Promise<FileOutcome> {
  await inTransaction(connection, async () => {
    await connection.run(
      `INSERT INTO source_file (file_hash, file_name, source_kind, source_name, region_code, period, status, received_at, run_id)
       VALUES ($1, $2, 'export', $3, NULL, NULL, 'rejected', $4, $5)`,
      [hash, path.basename(filePath), definition.name, toDuckTimestamp(context.now), context.runId],
    );
    await storeFindings(connection, findings, { runId: context.runId, fileHash: hash, foundAt: context.now });
  });
  return {
    file: filePath,
    status: 'rejected',
    region: null,
    period: null,
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
  };
}
