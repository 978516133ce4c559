/**
 * Stages each indicator an export yields as a temporary table the warehouse loader reads, from the
 * checked rows in `export_stage`: per region and month values, or one row per person and year.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { addMonths, periodOfDate, type Period } from '../../core/period.ts';
import { quoteIdentifier } from '../../warehouse/sql.ts';
import type { StagedYield } from '../../warehouse/staged-file.ts';
import type { ExportDefinition, ExportYield } from './export-definition.ts';
import { exportStageLayout, yieldDateColumn, yieldRowCondition } from './export-stage-layout.ts';

/**
 * Stage each yield of `definition` (file content hash `hash`): per region and month values, or for
 * distinct persons one row per person and year with their first record (and its row number).
 */
export async function stageExportYields(
  connection: DuckDBConnection,
  definition: ExportDefinition,
  hash: string,
  catalogue: Catalogue,
): Promise<StagedYield[]> {
  const layout = exportStageLayout(definition);
  const { dateColumns, valueColumns } = layout;
  const valueOf = (column: string) => `value_${valueColumns.indexOf(column)}`;
  const dateOf = (y: ExportYield) => yieldDateColumn(definition, layout, y);

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
    const where = yieldRowCondition(definition, layout, y);
    if (persons) {
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS
         SELECT lower(hex(person_hash)) AS person_hash, year, first_date, region_code, first_row
         FROM (SELECT person_hash, year(${dateOf(y)}) AS year, min(${dateOf(y)}) AS first_date,
                      arg_min(region_code, (${dateOf(y)}, row_no)) AS region_code,
                      arg_min(row_no, (${dateOf(y)}, row_no)) AS first_row
               FROM export_stage WHERE ${where} AND person_hash IS NOT NULL GROUP BY ALL)`,
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
         FROM export_stage WHERE ${where} GROUP BY ALL`,
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
