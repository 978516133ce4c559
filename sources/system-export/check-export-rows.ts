/**
 * The row checks of a staged export (SPEC §7): unknown regions, dates that are not dates, amounts
 * that are not numbers or are negative (errors), IDs Excel mangled (an error), invalid ID numbers (a
 * warning; those rows are left out of the person counts) and values no yield selects (a warning). Every count in one pass over the rows; examples are read only for a problem found.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finding, type Finding, type FindingLocation } from '../../core/finding.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportStageLayout, yieldRowCondition } from './export-stage-layout.ts';

/** A row error of `export_stage`: its finding code and the SQL condition that selects its rows. */
export interface RowError {
  readonly code:
    'unknown_region' | 'invalid_date' | 'non_numeric_value' | 'negative_value' | 'id_number_mangled';
  readonly condition: string;
}

/**
 * The conditions that make a staged row an error, in the order a row is accounted for: an unknown
 * region, a date that is not one (the definition's date must be there; another only when given),
 * an amount that is not a number — or has the shape of an ID (15 or 18 digits, 17 and X), never
 * stored as a figure — or is negative (columns a yield sums), an ID Excel mangled.
 */
export function rowErrors(definition: ExportDefinition): RowError[] {
  const { dateColumns, valueColumns } = exportStageLayout(definition);
  const amount = (i: number) => `TRY_CAST(replace(value_${i}, ',', '') AS DECIMAL(38, 6))`;
  const idShaped = (i: number) =>
    `regexp_full_match(replace(value_${i}, ',', ''), '([0-9]{15}|[0-9]{17}[0-9Xx])(\\.0*)?')`;
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
      condition: `value_${i} IS NOT NULL AND (${amount(i)} IS NULL OR ${idShaped(i)})`,
    })),
    ...summed.map((i) => ({ code: 'negative_value' as const, condition: `${amount(i)} < 0` })),
    ...(definition.person_id
      ? [{ code: 'id_number_mangled' as const, condition: 'id_mangled IS NOT NULL' }]
      : []),
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
 * The error for IDs Excel mangled (scientific notation, a number cell, last digits cut to 000): no
 * person can be told, so the file is rejected. The warning for rows whose ID number is otherwise
 * invalid (not 18 characters, or a wrong check character): they are left out of the person counts.
 * Checked after the dates outside the window are left out.
 */
export async function checkExportIds(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<Finding[]> {
  if (!definition.person_id) return [];
  // Excel keeps 15 digits of a number: when at least half the IDs end in 000 and one of them fails
  // the check, the column was cut; a lone such ID among good ones is a typo.
  const [zeros] = (
    await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE id_mangled = 'zeros')::INTEGER AS n,
              count(*) FILTER (WHERE id_mangled = 'zeros' AND NOT id_valid)::INTEGER AS invalid,
              count(*) FILTER (WHERE person_hash IS NOT NULL OR id_mangled IS NOT NULL)::INTEGER AS ids
       FROM export_stage_rows`,
    )
  ).getRowObjectsJson();
  const cut = Number(zeros!.invalid) > 0 && 2 * Number(zeros!.n) >= Number(zeros!.ids);
  if (Number(zeros!.n) > 0 && !cut)
    await connection.run(`UPDATE export_stage_rows SET id_mangled = NULL WHERE id_mangled = 'zeros'`);
  const [bad] = (
    await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE NOT id_valid AND id_mangled IS NULL)::INTEGER AS n,
              list(row_no ORDER BY row_no) FILTER (WHERE NOT id_valid AND id_mangled IS NULL)[1:10] AS rows,
              count(*) FILTER (WHERE id_mangled = 'scientific')::INTEGER AS scientific,
              count(*) FILTER (WHERE id_mangled = 'zeros')::INTEGER AS lost,
              list(row_no ORDER BY row_no) FILTER (WHERE id_mangled IS NOT NULL)[1:10] AS mangled_rows
       FROM export_stage`,
    )
  ).getRowObjectsJson();
  const rows = (list: unknown) => ((list as number[] | null) ?? []).map((r) => Number(r) + 1).join(', ');
  const findings: Finding[] = [];
  const [scientific, digitsLost] = [Number(bad!.scientific), Number(bad!.lost)];
  if (scientific + digitsLost > 0)
    findings.push(
      finding(
        'id_number_mangled',
        'error',
        { column: definition.person_id, scientific, digitsLost, more: scientific + digitsLost > 10 },
        at({ row: rows(bad!.mangled_rows) }),
      ),
    );
  const n = Number(bad!.n);
  if (n > 0)
    findings.push(
      finding(
        'invalid_id_number',
        'warning',
        { column: definition.person_id, count: n, more: n > 10 },
        at({ row: rows(bad!.rows) }),
      ),
    );
  return findings;
}

/**
 * The warning for rows no yield takes because a filter column holds a value none of the yields
 * selects (an unknown 险种 or 登记类型): one finding per column, its values with their row counts.
 * Blank values are not named. Checked after the dates outside the window are left out.
 */
export async function checkUnselectedValues(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Promise<Finding[]> {
  const layout = exportStageLayout(definition);
  const taken = definition.yields.map((y) => `coalesce(${yieldRowCondition(definition, layout, y)}, false)`);
  const findings: Finding[] = [];
  for (const [i, { column }] of layout.choices.entries()) {
    const values = (
      await connection.runAndReadAll(
        `SELECT other_${i} AS value, count(*)::INTEGER AS n, list(row_no ORDER BY row_no)[1:5] AS rows
         FROM export_stage WHERE other_${i} IS NOT NULL AND NOT (${taken.join(' OR ')})
         GROUP BY other_${i} ORDER BY n DESC, min(row_no)`,
      )
    ).getRowObjectsJson();
    if (values.length === 0) continue;
    const first = values
      .flatMap((v) => (v.rows as number[]).map(Number))
      .sort((a, b) => a - b)
      .slice(0, 5);
    findings.push(
      finding(
        'unselected_values',
        'warning',
        {
          column,
          count: values.reduce((sum, v) => sum + Number(v.n), 0),
          values: values.slice(0, 5).map((v) => ({ value: String(v.value), count: Number(v.n) })),
          more: values.length > 5,
        },
        at({ row: first.map((r) => r + 1).join(', ') }),
      ),
    );
  }
  return findings;
}
