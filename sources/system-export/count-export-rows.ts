/**
 * The accounting of an export (SPEC §6): each row of the file ends as exactly one of stored
 * (counted in at least one yielded fact), not reported (a blank line, a row of only delimiters) or
 * left out for a named reason, so `read = stored + not_reported + Σ left_out`. Reason codes:
 * `date_out_of_window`, `malformed_row`, the row errors (`unknown_region`, `invalid_date`,
 * `non_numeric_value`, `negative_value`), `file_rejected` (a good row of a rejected file),
 * `invalid_id_number`, `repeat_person` (already counted this year, in this file or an earlier one)
 * and `not_selected` (no yield's filter takes it).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { fileCounts, type FileCounts } from '../../core/file-counts.ts';
import { quoteIdentifier } from '../../warehouse/sql.ts';
import type { StagedYield } from '../../warehouse/staged-file.ts';
import { notSeenBeforeSql } from '../../warehouse/person-seen-sql.ts';
import { rowErrors } from './check-export-rows.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportStageLayout, yieldRowCondition } from './export-stage-layout.ts';

/** The rows a reader or the staging took out before the count: by kind. */
export interface RowsSetAside {
  /** Blank lines the reader skipped and rows with no value: not reported. */
  readonly notReported: number;
  readonly dateOutOfWindow: number;
  readonly malformed: number;
}

/**
 * Count the rows of `export_stage` by what became of them. `yields`: the staged yields of an
 * accepted file (their tables still there), or null for a rejected one, whose rows are all left out.
 */
export async function countExportRows(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  yields: readonly StagedYield[] | null,
  aside: RowsSetAside,
): Promise<FileCounts> {
  const layout = exportStageLayout(definition);
  const params: Record<string, string> = {};
  let reason: string;
  let from: string;
  if (yields === null) {
    // Only a rejected file can hold row errors; the region lookup is needed for them alone.
    from = 'export_stage';
    reason = `CASE ${rowErrors(definition)
      .map((e) => `WHEN ${e.condition} THEN '${e.code}'`)
      .join(' ')} ELSE 'file_rejected' END`;
  } else {
    const fast = await countPersonRows(connection, definition, yields);
    if (fast)
      return fileCounts(fast.stored, aside.notReported, {
        date_out_of_window: aside.dateOutOfWindow,
        malformed_row: aside.malformed,
        ...fast.leftOut,
      });
    from = '(SELECT rowid + 1 AS row_no, * FROM export_stage_rows)';
    const persons = definition.yields.flatMap((y, i) => (y.count === 'distinct_persons' ? [{ y, i }] : []));
    const values = definition.yields.filter((y) => y.count !== 'distinct_persons');
    // A person's row is stored when it is their first of the year in this file (`first_row`) and no
    // earlier file counted them at that date or before; every other row a person yield takes repeats.
    const firsts = persons.map(({ i }) => {
      params[`indicator_${i}`] = yields[i]!.indicatorCode;
      return `SELECT p.first_row FROM temp.main.${quoteIdentifier(yields[i]!.table)} p
              WHERE ${notSeenBeforeSql('p', `indicator_${i}`)}`;
    });
    const stored = [
      ...values.map((y) => `(${yieldRowCondition(definition, layout, y)})`),
      ...(firsts.length > 0 ? [`row_no IN (${firsts.join(' UNION ALL ')})`] : []),
    ];
    const personTaken = persons.map(({ y }) => `(${yieldRowCondition(definition, layout, y)})`).join(' OR ');
    reason = `CASE ${stored.length > 0 ? `WHEN ${stored.join(' OR ')} THEN 'stored'` : ''}
      ${persons.length > 0 ? `WHEN (${personTaken}) AND person_hash IS NULL THEN 'invalid_id_number' WHEN ${personTaken} THEN 'repeat_person'` : ''}
      ELSE 'not_selected' END`;
  }
  const counted = (
    await connection.runAndReadAll(
      `SELECT ${reason} AS reason, count(*)::BIGINT AS n FROM ${from} GROUP BY ALL`,
      params,
    )
  ).getRowObjectsJson();
  const by = Object.fromEntries(counted.map((r) => [String(r.reason), Number(r.n)]));
  const { stored = 0, ...leftOut } = by;
  return fileCounts(stored, aside.notReported, {
    date_out_of_window: aside.dateOutOfWindow,
    malformed_row: aside.malformed,
    ...leftOut,
  });
}

/**
 * The rows of a definition whose yields all count persons, each row taken by at most one of them
 * (the 就业登记系统's three 登记类型): counted with one pass of plain counts and the yields' own
 * tables, without matching each row to its person's first row (which held a hash of every person's
 * row number, 160 MiB more for a million rows). Null when a row is taken by two yields.
 */
async function countPersonRows(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  yields: readonly StagedYield[],
): Promise<{ stored: number; leftOut: Record<string, number> } | null> {
  if (definition.yields.some((y) => y.count !== 'distinct_persons')) return null;
  const layout = exportStageLayout(definition);
  const taken = definition.yields.map((y) => `(${yieldRowCondition(definition, layout, y)})`);
  const [rows] = (
    await connection.runAndReadAll(
      `SELECT count(*)::BIGINT AS total,
              count(*) FILTER (WHERE ${taken.join(' OR ')})::BIGINT AS taken,
              count(*) FILTER (WHERE (${taken.join(' OR ')}) AND person_hash IS NULL)::BIGINT AS invalid,
              count(*) FILTER (WHERE ${taken.map((t) => `coalesce(${t}, false)::INTEGER`).join(' + ')} > 1)::BIGINT AS overlap
       FROM export_stage_rows`,
    )
  ).getRowObjectsJson();
  if (Number(rows!.overlap) > 0) return null;
  // A person's first row of the year in this file is stored unless an earlier file counted them at
  // that date or before.
  let stored = 0;
  for (const y of yields) {
    const [first] = (
      await connection.runAndReadAll(
        `SELECT count(*)::BIGINT AS n FROM temp.main.${quoteIdentifier(y.table)} p
         WHERE ${notSeenBeforeSql('p', 'indicator')}`,
        { indicator: y.indicatorCode },
      )
    ).getRowObjectsJson();
    stored += Number(first!.n);
  }
  const invalid = Number(rows!.invalid);
  return {
    stored,
    leftOut: {
      invalid_id_number: invalid,
      repeat_person: Number(rows!.taken) - invalid - stored,
      not_selected: Number(rows!.total) - Number(rows!.taken),
    },
  };
}
