/**
 * Reads one business-system export by its definition into staged tables of the loading
 * connection (temporary, never warehouse tables). DuckDB's own readers do the reading and SQL the
 * counting; JavaScript only streams GBK to UTF-8. Personal ID numbers are validated and replaced by
 * salted hashes as the file is read: no ID reaches a table, not even a temporary one.
 */
import { createPrivateTempDir, removePrivateTempDir } from '../../core/private-temp.ts';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { readFile } from 'node:fs/promises';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { NO_COUNTS } from '../../core/file-counts.ts';
import { finding, type Finding, type FindingLocation } from '../../core/finding.ts';
import { addMonths, periodOfDate, type Period } from '../../core/period.ts';
import { quoteIdentifier, quoteLiteral } from '../../warehouse/sql.ts';
import type { StagedExport, StagedYield } from '../../warehouse/staged-file.ts';
import type { ExportDefinition, ExportYield, RowFilter } from './export-definition.ts';
import { idDigitsSql, validIdNumberSql } from './id-number-sql.ts';
import { readOrCreateSalt } from './read-or-create-salt.ts';
import { isDiskFull } from '../../core/is-disk-full.ts';
import { detectEncoding, EncodingError, transcodeToUtf8 } from './transcode-to-utf8.ts';

type Format = 'csv' | 'parquet' | 'jsonl' | 'arrow';

/** What reading an export needs besides the file: the catalogue and the salt file for person hashes. */
export interface ExportReadContext {
  readonly catalogue: Catalogue;
  readonly saltFile: string;
  /** The warehouse file: transcoded copies are made in its private temp folder. */
  readonly db: string;
  /** The run's clock: a record dated after it, or before the previous year, is left out. */
  readonly now: Date;
}

/**
 * Read the export at `filePath` (content hash `hash`) that matched `definition` into staged tables on
 * `connection`. Unreadable files and bad rows become findings; errors mean the file is rejected whole.
 */
export async function readSystemExport(
  connection: DuckDBConnection,
  filePath: string,
  hash: string,
  definition: ExportDefinition,
  context: ExportReadContext,
): Promise<StagedExport> {
  const at = (extra: Partial<FindingLocation> = {}): FindingLocation => ({
    file: path.basename(filePath),
    ...extra,
  });
  const staged = (findings: Finding[], yields: StagedYield[] = []): StagedExport => ({
    kind: 'export',
    file: filePath,
    hash,
    sourceName: definition.name,
    // Until the staging accounts for every row, an export reports no counts.
    counts: NO_COUNTS,
    findings,
    yields,
  });
  // A transcoded copy holds names and IDs: the warehouse's private temp folder, never the system's.
  const scratch = createPrivateTempDir(context.db, 'export-');
  try {
    let findings: Finding[];
    try {
      const source = await sourceRelation(connection, filePath, definition, scratch);
      findings = await stage(connection, source, definition, context, at);
    } catch (error) {
      const first = (error as Error).message.split('\n')[0]!;
      if (isDiskFull(error)) {
        const reason = `暂存时磁盘已满，本次未读取；文件留在收件箱，腾出磁盘空间后下次运行会重新读取 (${first})`;
        return staged([finding('unreadable_file', 'error', { reason, retry: true }, at())]);
      }
      const reason =
        error instanceof EncodingError
          ? `${error.message}: the file is not ${error.encoding}; export it again in UTF-8 or GBK`
          : first.startsWith('Out of Memory Error')
            ? `读取时超出仓库内存上限（limits.warehouse_memory_mb），已拒收 (${first})`
            : `cannot read the file: ${first}`;
      return staged([finding('unreadable_file', 'error', { reason }, at())]);
    }
    if (findings.some((f) => f.severity === 'error')) return staged(findings);
    return staged(findings, await stageYields(connection, definition, hash, context.catalogue));
  } finally {
    await connection.run('DROP VIEW IF EXISTS export_stage');
    await connection.run('DROP TABLE IF EXISTS export_stage_rows');
    await connection.run('DROP TABLE IF EXISTS export_arrow');
    removePrivateTempDir(scratch);
  }
}

/**
 * Where each column the definition uses sits in `export_stage`: dates as `date_<i>`, values a yield
 * counts or sums as `value_<i>`, and each row filter on another column as the flag `filter_<i>`
 * (one byte a row where the column's text would take sixteen or more).
 */
function stageLayout(definition: ExportDefinition): {
  dateColumns: string[];
  valueColumns: string[];
  filters: RowFilter[];
} {
  const dateColumns = [
    ...new Set([
      definition.date.column,
      ...definition.yields.map((y) => y.date_column).filter((c): c is string => !!c),
    ]),
  ];
  const valueColumns = [
    ...new Set(
      definition.yields.flatMap((y) =>
        typeof y.count === 'object' ? ['sum' in y.count ? y.count.sum : y.count.distinct] : [],
      ),
    ),
  ].filter((c) => !dateColumns.includes(c) && c !== definition.person_id);
  const filters = [
    ...new Map(
      definition.yields
        .flatMap((y) => y.filter)
        .filter((f) => !isDateNotEmpty(f, dateColumns))
        .map((f) => [filterKey(f), f] as const),
    ).values(),
  ];
  return { dateColumns, valueColumns, filters };
}

/** A `not_empty` filter on a date column reads the parsed date itself. */
const isDateNotEmpty = (f: RowFilter, dateColumns: readonly string[]) =>
  'not_empty' in f && dateColumns.includes(f.column);

/** Two filters with the same key select the same rows. */
const filterKey = (f: RowFilter) => JSON.stringify(['equals' in f ? [...f.equals].sort() : null, f.column]);

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
  context: ExportReadContext,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<Finding[]> {
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
    return [
      finding(
        'missing_columns',
        'error',
        { system: definition.system, missing, expected: definition.columns },
        at(),
      ),
    ];

  // Layers, so each expression is computed once per row: trimmed text; the ID's 17 digits as one
  // number; then dates parsed and the ID checked; then the ID hashed (the salted SHA-256 kept as its
  // 32 bytes, written out in hex once per person by the yields). A plain projection of the file, so DuckDB reads it on every
  // thread and keeps the file's order (insertion order is preserved): a row's number is its rowid,
  // with no window over the whole file (which held every row in memory, on one thread). The region
  // is looked up in the `export_stage` view over it, whose join cannot disturb the rowids.
  const text = (column: string) => `nullif(trim(CAST(${quoteIdentifier(column)} AS VARCHAR)), '')`;
  const parseDate = (raw: string, column: string) =>
    definition.date.format === 'yyyymm' && column === definition.date.column
      ? `CAST(try_strptime(${raw} || '01', '%Y%m%d') AS DATE)`
      : `CAST(CASE WHEN contains(${raw}, '-') THEN try_strptime(${raw}, '%Y-%m-%d')
                   WHEN contains(${raw}, '/') THEN try_strptime(${raw}, '%Y/%m/%d')
                   ELSE try_strptime(${raw}, '%Y%m%d') END AS DATE)`;
  const { dateColumns, valueColumns, filters } = stageLayout(definition);
  const regionRaw =
    'fixed' in definition.region ? quoteLiteral(definition.region.fixed) : text(definition.region.column);
  const salt = definition.person_id ? readOrCreateSalt(context.saltFile) : null;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE export_stage_rows AS
     WITH raw AS (
       SELECT ${regionRaw} AS region_raw
         ${dateColumns.map((c, i) => `, ${text(c)} AS date_raw_${i}`).join('')}
         ${valueColumns.map((c, i) => `, ${text(c)} AS value_${i}`).join('')}
         ${filters.map((f, i) => `, coalesce(${text(f.column)} ${'equals' in f ? `IN (${f.equals.map(quoteLiteral).join(', ')})` : 'IS NOT NULL'}, false) AS filter_${i}`).join('')}
         ${definition.person_id ? `, upper(${text(definition.person_id)}) AS id_text` : ''}
       FROM ${source}),
     digits AS (
       SELECT * ${definition.person_id ? `, ${idDigitsSql('id_text')} AS id_digits` : ''} FROM raw),
     checked AS (
       SELECT * ${dateColumns.map((c, i) => `, ${parseDate(`date_raw_${i}`, c)} AS date_${i}`).join('')}
         ${definition.person_id ? `, ${validIdNumberSql('id_digits', 'id_text')} AS id_valid` : ''}
       FROM digits)
     SELECT checked.* ${definition.person_id ? 'EXCLUDE (id_text, id_digits)' : ''}
       ${definition.person_id ? `, CASE WHEN id_valid THEN unhex(sha256($salt || id_text)) END AS person_hash` : ''}
     FROM checked`,
    salt === null ? undefined : { salt },
  );
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW export_stage AS
     WITH names AS (SELECT region_code AS name, region_code FROM dim_region
                    UNION SELECT alias, region_code FROM region_alias)
     SELECT s.rowid + 1 AS row_no, s.*, names.region_code
     FROM export_stage_rows s LEFT JOIN names ON names.name = s.region_raw`,
  );

  const findings: Finding[] = [];
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  const sample = (list: unknown) => (list as number[]).map((n) => Number(n) + 1).join(', ');
  const examples = (list: unknown) => (list as (string | null)[]).map((e) => e ?? '（空）');
  // Every count in one pass over the rows; the examples are read only for a problem found.
  const badDate = (i: number, column: string) =>
    `date_${i} IS NULL AND ${column === definition.date.column ? 'true' : `date_raw_${i} IS NOT NULL`}`;
  const amount = (i: number) => `TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6))`;
  const nonNumeric = (i: number) => `value_${i} IS NOT NULL AND ${amount(i)} IS NULL`;
  const negative = (i: number) => `${amount(i)} < 0`;
  const summed = valueColumns.map((column) =>
    definition.yields.some((y) => typeof y.count === 'object' && 'sum' in y.count && y.count.sum === column),
  );
  const [counts] = await rows(
    `SELECT count(*) FILTER (WHERE region_code IS NULL)::INTEGER AS region
       ${dateColumns.map((c, i) => `, count(*) FILTER (WHERE ${badDate(i, c)})::INTEGER AS date_${i}`).join('')}
       ${valueColumns
         .map((_, i) =>
           summed[i]
             ? `, count(*) FILTER (WHERE ${nonNumeric(i)})::INTEGER AS nonnumeric_${i},
                  count(*) FILTER (WHERE ${negative(i)})::INTEGER AS negative_${i}`
             : '',
         )
         .join('')}
     FROM export_stage`,
  );
  const count = (name: string) => Number(counts![name] ?? 0);
  if (count('region') > 0) {
    const [bad] = await rows(
      `SELECT list(DISTINCT region_raw)[1:5] AS examples, list(row_no ORDER BY row_no)[1:5] AS rows
       FROM export_stage WHERE region_code IS NULL`,
    );
    findings.push(
      finding(
        'unknown_region',
        'error',
        { kind: 'export', count: count('region'), examples: examples(bad!.examples) },
        at({ row: sample(bad!.rows) }),
      ),
    );
  }
  for (const [i, column] of dateColumns.entries()) {
    if (count(`date_${i}`) === 0) continue;
    const [bad] = await rows(
      `SELECT list(date_raw_${i})[1:5] AS examples, list(row_no ORDER BY row_no)[1:5] AS rows
       FROM export_stage WHERE ${badDate(i, column)}`,
    );
    findings.push(
      finding(
        'invalid_date',
        'error',
        {
          column,
          count: count(`date_${i}`),
          examples: examples(bad!.examples),
          allowMonth: column === definition.date.column && definition.date.format === 'yyyymm',
        },
        at({ row: sample(bad!.rows) }),
      ),
    );
  }
  for (const [i, column] of valueColumns.entries()) {
    if (!summed[i] || count(`nonnumeric_${i}`) + count(`negative_${i}`) === 0) continue;
    const [bad] = await rows(
      `SELECT list(row_no ORDER BY row_no)[1:5] AS rows
       FROM export_stage WHERE (${nonNumeric(i)}) OR ${negative(i)}`,
    );
    const found = [
      ['non_numeric_value', count(`nonnumeric_${i}`)],
      ['negative_value', count(`negative_${i}`)],
    ] as const;
    for (const [code, n] of found)
      if (n > 0)
        findings.push(
          finding(code, 'error', { kind: 'column', column, count: n }, at({ row: sample(bad!.rows) })),
        );
  }
  findings.push(...(await leaveOutImplausibleDates(connection, dateColumns, context.now, at)));
  if (definition.person_id) {
    const [bad] = await rows(
      `SELECT count(*)::INTEGER AS n, list(row_no ORDER BY row_no)[1:10] AS rows FROM export_stage WHERE NOT id_valid`,
    );
    if (Number(bad!.n) > 0)
      findings.push(
        finding(
          'invalid_id_number',
          'warning',
          { column: definition.person_id, count: Number(bad!.n), more: Number(bad!.n) > 10 },
          at({ row: sample(bad!.rows) }),
        ),
      );
  }
  return findings;
}

/**
 * A record dated before the previous year or after the run date (a 1900-01-01 placeholder, a typo
 * for 2202) is a finding and is left out of `export_stage`, so it never creates periods (SPEC §6).
 */
async function leaveOutImplausibleDates(
  connection: DuckDBConnection,
  dateColumns: readonly string[],
  now: Date,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<Finding[]> {
  // The window once, as dates; the rows are then scanned without the region lookup of the view.
  const [bounds] = (
    await connection.runAndReadAll(
      `SELECT strftime(make_date(year(today) - 1, 1, 1), '%Y-%m-%d') AS first, strftime(today, '%Y-%m-%d') AS last
       FROM (SELECT CAST(CAST($now AS TIMESTAMPTZ) AS DATE) AS today)`,
      { now: now.toISOString() },
    )
  ).getRowObjectsJson();
  const window = { first: String(bounds!.first), last: String(bounds!.last) };
  const outside = (i: number) => `(date_${i} < CAST($first AS DATE) OR date_${i} > CAST($last AS DATE))`;
  const findings: Finding[] = [];
  const [counts] = (
    await connection.runAndReadAll(
      `SELECT ${dateColumns.map((_, i) => `count(*) FILTER (WHERE ${outside(i)})::INTEGER AS out_${i}`).join(', ')}
       FROM export_stage_rows`,
      window,
    )
  ).getRowObjectsJson();
  for (const [i, column] of dateColumns.entries()) {
    const count = Number(counts![`out_${i}`]);
    if (count === 0) continue;
    // Examples only when there is something to show: ordered lists cost a sort of the matches.
    const [out] = (
      await connection.runAndReadAll(
        `SELECT list(date_raw_${i} ORDER BY rowid)[1:5] AS examples, list(rowid + 1 ORDER BY rowid)[1:5] AS rows
         FROM export_stage_rows WHERE ${outside(i)}`,
        window,
      )
    ).getRowObjectsJson();
    findings.push(
      finding(
        'date_out_of_window',
        'warning',
        {
          column,
          count,
          examples: (out!.examples as string[]).map(String),
          from: window.first,
          to: window.last,
        },
        at({ row: (out!.rows as number[]).map((n) => Number(n) + 1).join(', ') }),
      ),
    );
  }
  if (findings.length > 0)
    await connection.run(
      `DELETE FROM export_stage_rows WHERE ${dateColumns.map((_, i) => outside(i)).join(' OR ')}`,
      window,
    );
  return findings;
}

/**
 * Stage each yield as a temporary table the warehouse loader reads: per region and month values, or
 * for distinct persons one row per person and year with their first record.
 */
async function stageYields(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  hash: string,
  catalogue: Catalogue,
): Promise<StagedYield[]> {
  const { dateColumns, valueColumns, filters } = stageLayout(definition);
  const valueOf = (column: string) => `value_${valueColumns.indexOf(column)}`;
  const keys = filters.map(filterKey);
  const dateOf = (y: ExportYield) => `date_${dateColumns.indexOf(y.date_column ?? definition.date.column)}`;
  const where = (y: ExportYield) =>
    [
      `${dateOf(y)} IS NOT NULL`,
      ...y.filter.map((f) =>
        isDateNotEmpty(f, dateColumns)
          ? `date_${dateColumns.indexOf(f.column)} IS NOT NULL`
          : `filter_${keys.indexOf(filterKey(f))}`,
      ),
    ].join(' AND ');

  // The months the file covers: a month in it with no record for a district is a true zero for a count.
  const [span] = (
    await connection.runAndReadAll(
      `SELECT strftime(least(${dateColumns.map((_, i) => `min(date_${i})`).join(', ')}), '%Y-%m-%d') AS first,
              strftime(greatest(${dateColumns.map((_, i) => `max(date_${i})`).join(', ')}), '%Y-%m-%d') AS last
       FROM export_stage`,
    )
  ).getRowObjectsJson();
  const months: Period[] = [];
  if (span?.first && span.last)
    for (let p = periodOfDate(String(span.first)); p <= periodOfDate(String(span.last)); p = addMonths(p, 1))
      months.push(p);
  const regions =
    'fixed' in definition.region
      ? [definition.region.fixed]
      : catalogue.regions.filter((r) => r.level === 'district').map((r) => r.code);

  const yields: StagedYield[] = [];
  for (const [i, y] of definition.yields.entries()) {
    const indicator = catalogue.findIndicator(y.indicator)!;
    const table = `staged_${hash.slice(0, 12)}_${i}`;
    const persons = y.count === 'distinct_persons';
    if (persons) {
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS
         SELECT lower(hex(person_hash)) AS person_hash, year, first_date, region_code
         FROM (SELECT person_hash, year(${dateOf(y)}) AS year, min(${dateOf(y)}) AS first_date,
                      arg_min(region_code, (${dateOf(y)}, row_no)) AS region_code
               FROM export_stage WHERE ${where(y)} AND person_hash IS NOT NULL GROUP BY ALL)`,
      );
    } else {
      const count = y.count as Exclude<ExportYield['count'], 'distinct_persons'>;
      const measure =
        count === 'rows'
          ? 'count(*)'
          : 'distinct' in count
            ? `count(DISTINCT ${valueOf(count.distinct)})`
            : `sum(CAST(replace(${valueOf(count.sum)}, ',', '') AS DECIMAL(38, 6)))`;
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS
         SELECT region_code, CAST(date_trunc('month', ${dateOf(y)}) AS DATE) AS period, CAST(${measure} AS DECIMAL(38, 6)) AS value
         FROM export_stage WHERE ${where(y)} GROUP BY ALL`,
      );
    }
    yields.push({
      indicatorCode: indicator.code,
      measure: y.measure,
      table,
      count: persons ? 'persons' : 'values',
      zeroFill: y.measure === 'month' ? { months, regions } : null,
      rowGroup: `${definition.name}: ${y.indicator}`,
    });
  }
  return yields;
}
