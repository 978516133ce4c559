/**
 * Stages an export's rows in `export_stage_rows` (and the view `export_stage` with region codes and
 * row numbers): only the columns the definition uses, trimmed text, dates parsed, IDs normalised
 * (width, spaces, hyphens), checked and replaced by salted hashes at once — no ID reaches a table, not even a temporary one. A row with
 * no value in any column the definition reads (Excel's `,,,,,,,` below a table) is blank: counted
 * as not reported, then left out.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../../warehouse/sql.ts';
import { REGION_NAMES_SQL } from '../../warehouse/region-names-sql.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportStageLayout } from './export-stage-layout.ts';
import { idDigitsSql, mangledIdSql, normalIdSql, validIdNumberSql } from './id-number-sql.ts';

/** The columns `definition` lists that the relation `source` lacks (none: the rows are staged). */
export async function missingExportColumns(
  connection: DuckDBConnection,
  source: string,
  definition: ExportDefinition,
): Promise<string[]> {
  const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJson();
  const present = new Set(
    described.map((r) =>
      String(r.column_name)
        .replace(/^\ufeff/, '')
        .trim(),
    ),
  );
  return definition.columns.filter((c) => !present.has(c));
}

/**
 * Stage the rows of `source` (which has every column of `definition`). `salt` hashes the IDs; it is
 * null when the definition has no person column.
 */
export async function stageExportRows(
  connection: DuckDBConnection,
  source: string,
  definition: ExportDefinition,
  salt: string | null,
): Promise<void> {
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
  const { dateColumns, valueColumns, filters, choices } = exportStageLayout(definition);
  const regionRaw =
    'fixed' in definition.region ? quoteLiteral(definition.region.fixed) : text(definition.region.column);
  const person = definition.person_id !== undefined;
  // Blank: no value in any column the definition reads. Only those columns are parsed (DuckDB
  // skips the others), so looking at every column would cost the whole file's text.
  const used = [
    ...new Set([
      ...('column' in definition.region ? [definition.region.column] : []),
      ...dateColumns,
      ...valueColumns,
      ...filters.map((f) => f.column),
      ...(person ? [definition.person_id!] : []),
    ]),
  ];
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE export_stage_rows AS
     WITH raw AS (
       SELECT ${regionRaw} AS region_raw,
         coalesce(${used.map(text).join(', ')}) IS NULL AS blank
         ${dateColumns.map((c, i) => `, ${text(c)} AS date_raw_${i}`).join('')}
         ${valueColumns.map((c, i) => `, ${text(c)} AS value_${i}`).join('')}
         ${filters.map((f, i) => `, coalesce(${text(f.column)} ${'equals' in f ? `IN (${f.equals.map(quoteLiteral).join(', ')})` : 'IS NOT NULL'}, false) AS filter_${i}`).join('')}
         ${choices.map((c, i) => `, CASE WHEN ${text(c.column)} NOT IN (${c.values.map(quoteLiteral).join(', ')}) THEN ${text(c.column)} END AS other_${i}`).join('')}
         ${person ? `, ${normalIdSql(text(definition.person_id!))} AS id_text` : ''}
       FROM ${source}),
     digits AS (
       SELECT * ${person ? `, ${idDigitsSql('id_text')} AS id_digits` : ''} FROM raw),
     checked AS (
       SELECT * ${dateColumns.map((c, i) => `, ${parseDate(`date_raw_${i}`, c)} AS date_${i}`).join('')}
         ${person ? `, ${validIdNumberSql('id_digits', 'id_text')} AS id_valid` : ''}
       FROM digits)
     SELECT checked.* ${person ? 'EXCLUDE (id_text, id_digits)' : ''}
       ${person ? `, CASE WHEN id_valid THEN unhex(sha256($salt || id_text)) END AS person_hash, ${mangledIdSql('id_text')} AS id_mangled` : ''}
     FROM checked`,
    salt === null ? undefined : { salt },
  );
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW export_stage AS
     WITH names AS ${REGION_NAMES_SQL}
     SELECT s.rowid + 1 AS row_no, s.*, names.region_code
     FROM export_stage_rows s LEFT JOIN names ON names.name = s.region_raw`,
  );
}

/** Leave the blank rows out of `export_stage_rows`; returns how many there were (not reported). */
export async function leaveOutBlankRows(connection: DuckDBConnection): Promise<number> {
  const [blank] = (
    await connection.runAndReadAll('SELECT count(*) FILTER (WHERE blank)::BIGINT AS n FROM export_stage_rows')
  ).getRowObjectsJson();
  const n = Number(blank!.n);
  if (n > 0) await connection.run('DELETE FROM export_stage_rows WHERE blank');
  return n;
}
