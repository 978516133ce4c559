/**
 * Where each column an export definition uses sits in the staged rows (`export_stage`): one layout
 * computed from the definition, read by the staging, the row checks, the accounting and the yields.
 */
import type { ExportDefinition, ExportYield, RowFilter } from './export-definition.ts';

/** The staged columns: dates as `date_<i>`, values as `value_<i>`, row filters as `filter_<i>`. */
export interface ExportStageLayout {
  readonly dateColumns: readonly string[];
  readonly valueColumns: readonly string[];
  readonly filters: readonly RowFilter[];
  /**
   * Each column an `equals` filter reads, with every value some yield selects: a row holding
   * another value there is staged as `other_<i>` (that text, else null), named when no yield takes it.
   */
  readonly choices: readonly { readonly column: string; readonly values: readonly string[] }[];
}

/**
 * The layout of `definition`: dates as `date_<i>`, values a yield counts or sums as `value_<i>`, and
 * each row filter on another column as the flag `filter_<i>` (one byte a row where the column's
 * text would take sixteen or more).
 */
export function exportStageLayout(definition: ExportDefinition): ExportStageLayout {
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
  const choices = [...new Set(filters.flatMap((f) => ('equals' in f ? [f.column] : [])))].map((column) => ({
    column,
    values: [...new Set(filters.flatMap((f) => ('equals' in f && f.column === column ? f.equals : [])))],
  }));
  return { dateColumns, valueColumns, filters, choices };
}

/** A `not_empty` filter on a date column reads the parsed date itself. */
export const isDateNotEmpty = (f: RowFilter, dateColumns: readonly string[]) =>
  'not_empty' in f && dateColumns.includes(f.column);

/** Two filters with the same key select the same rows. */
export const filterKey = (f: RowFilter) =>
  JSON.stringify(['equals' in f ? [...f.equals].sort() : null, f.column]);

/** The staged date column that places a yield's rows in a month. */
export function yieldDateColumn(definition: ExportDefinition, layout: ExportStageLayout, y: ExportYield) {
  return `date_${layout.dateColumns.indexOf(y.date_column ?? definition.date.column)}`;
}

/** A SQL condition on `export_stage`: the rows a yield counts (dated, and through its filters). */
export function yieldRowCondition(
  definition: ExportDefinition,
  layout: ExportStageLayout,
  y: ExportYield,
): string {
  const keys = layout.filters.map(filterKey);
  return [
    `${yieldDateColumn(definition, layout, y)} IS NOT NULL`,
    ...y.filter.map((f) =>
      isDateNotEmpty(f, layout.dateColumns)
        ? `date_${layout.dateColumns.indexOf(f.column)} IS NOT NULL`
        : `filter_${keys.indexOf(filterKey(f))}`,
    ),
  ].join(' AND ');
}
