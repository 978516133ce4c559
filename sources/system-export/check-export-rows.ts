/**
 * The row checks of a staged export (SPEC §7): unknown regions, dates that are not dates, amounts
 * that are not numbers or are negative (errors), and invalid ID numbers (a warning; those rows are
 * left out of the person counts). Every count in one pass over the rows; examples are read only for a problem found.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finding, type Finding, type FindingLocation } from '../../core/finding.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportStageLayout } from './export-stage-layout.ts';

/** A row error of `export_stage`: its finding code and the SQL condition that selects its rows. */
export interface RowError {
  readonly code: 'unknown_region' | 'invalid_date' | 'non_numeric_value' | 'negative_value';
  readonly condition: string;
}

/**
 * The conditions that make a staged row an error, in the order a row is accounted for: an unknown
 * region, a date that is not one (the definition's date must be there; another only when given),
 * an amount that is not a number or is negative (columns a yield sums).
 */
export function rowErrors(definition: ExportDefinition): RowError[] {
  const { dateColumns, valueColumns } = exportStageLayout(definition);
  const amount = (i: number) => `TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6))`;
  const summed = valueColumns.flatMap((column, i) =>
    definition.yields.some((y) => typeof y.count === 'object' && 'sum' in y.count && y.count.sum === column)
      ? [i]
      : [],
  );
  return [
    { code: 'unknown_region', condition: 'region_code IS NULL' },
    ...dateColumns.map((column, i) => ({
      code: 'invalid_date' as const,
      condition: `date_${i} IS NULL AND ${column === definition.date.column ? 'true' : `date_raw_${i} IS NOT NULL`}`,
    })),
    ...summed.map((i) => ({
      code: 'non_numeric_value' as const,
      condition: `value_${i} IS NOT NULL AND ${amount(i)} IS NULL`,
    })),
    ...summed.map((i) => ({ code: 'negative_value' as const, condition: `${amount(i)} < 0` })),
  ];
}

/** The findings about the rows in `export_stage`, each with up to five example rows. */
export async function checkExportRows(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<Finding[]> {
  const { dateColumns, valueColumns } = exportStageLayout(definition);
  const findings: Finding[] = [];
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  const sample = (list: unknown) => (list as number[]).map((n) => Number(n) + 1).join(', ');
  const examples = (list: unknown) => (list as (string | null)[]).map((e) => e ?? '（空）');
  const errors = rowErrors(definition);
  const conditionOf = (code: RowError['code'], i: number) =>
    errors.filter((e) => e.code === code)[i]!.condition;
  const badDate = (i: number) => conditionOf('invalid_date', i);
  const summed = valueColumns.map((column) =>
    definition.yields.some((y) => typeof y.count === 'object' && 'sum' in y.count && y.count.sum === column),
  );
  // The k-th summed column's conditions, by its value column index.
  const summedIndex = (i: number) => summed.slice(0, i).filter(Boolean).length;
  const nonNumeric = (i: number) => conditionOf('non_numeric_value', summedIndex(i));
  const negative = (i: number) => conditionOf('negative_value', summedIndex(i));
  const [counts] = await rows(
    `SELECT count(*) FILTER (WHERE region_code IS NULL)::INTEGER AS region
       ${dateColumns.map((_, i) => `, count(*) FILTER (WHERE ${badDate(i)})::INTEGER AS date_${i}`).join('')}
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
       FROM export_stage WHERE ${badDate(i)}`,
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
  return findings;
}

/**
 * The warning for rows whose ID number is invalid (not 18 characters, or a wrong check character):
 * they are left out of the person counts. Checked after the dates outside the window are left out.
 */
export async function checkExportIds(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<Finding[]> {
  if (!definition.person_id) return [];
  const [bad] = (
    await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, list(row_no ORDER BY row_no)[1:10] AS rows FROM export_stage WHERE NOT id_valid`,
    )
  ).getRowObjectsJson();
  const n = Number(bad!.n);
  if (n === 0) return [];
  const rows = (bad!.rows as number[]).map((r) => Number(r) + 1).join(', ');
  return [
    finding(
      'invalid_id_number',
      'warning',
      { column: definition.person_id, count: n, more: n > 10 },
      at({ row: rows }),
    ),
  ];
}
