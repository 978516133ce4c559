/**
 * Reads one business-system export by its definition into staged tables of the loading
 * connection (temporary, never warehouse tables): the file's rows as a relation by the reader of
 * its format, staged with IDs hashed, checked, dated within the file's window, counted per
 * indicator, and every row accounted for. DuckDB's readers do the reading and SQL the counting.
 */
import { createPrivateTempDir, removePrivateTempDir } from '../../core/private-temp.ts';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { NO_COUNTS, type FileCounts } from '../../core/file-counts.ts';
import { finding, type ExportFormat, type Finding, type FindingLocation } from '../../core/finding.ts';
import type { StagedExport, StagedYield } from '../../warehouse/staged-file.ts';
import type { WorkbookLimits } from '../district-return/check-workbook-limits.ts';
import { checkExportIds, checkExportRows, checkUnselectedValues } from './check-export-rows.ts';
import { countExportRows } from './count-export-rows.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportDateWindow } from './export-date-window.ts';
import { exportReadFailure } from './export-read-failure.ts';
import { exportRelation } from './export-relation.ts';
import { exportStageLayout } from './export-stage-layout.ts';
import { leaveOutImplausibleDates } from './leave-out-implausible-dates.ts';
import { readOrCreateSalt } from './read-or-create-salt.ts';
import { leaveOutBlankRows, missingExportColumns, stageExportRows } from './stage-export-rows.ts';
import { stageExportYields } from './stage-export-yields.ts';

/** What reading an export needs besides the file: the catalogue and the salt file for person hashes. */
export interface ExportReadContext {
  readonly catalogue: Catalogue;
  readonly saltFile: string;
  /** The warehouse file: transcoded copies are made in its private temp folder. */
  readonly db: string;
  /** The run's clock: a record dated after it, or before the year before the file's own year, is left out. */
  readonly now: Date;
  /** Workbook limits, checked before an .xlsx export is parsed. */
  readonly limits: WorkbookLimits;
}

/**
 * Read the export at `filePath` (content hash `hash`, in `format`) that matched `definition` into
 * staged tables on `connection`. Unreadable files and bad rows become findings; errors mean the file
 * is rejected whole.
 */
export async function readSystemExport(
  connection: DuckDBConnection,
  filePath: string,
  hash: string,
  definition: ExportDefinition,
  format: ExportFormat,
  context: ExportReadContext,
): Promise<StagedExport> {
  const at = (extra: Partial<FindingLocation> = {}): FindingLocation => ({
    file: path.basename(filePath),
    ...extra,
  });
  const staged = (
    findings: Finding[],
    counts: FileCounts = NO_COUNTS,
    yields: StagedYield[] = [],
  ): StagedExport => ({
    kind: 'export',
    file: filePath,
    hash,
    sourceName: definition.name,
    counts,
    findings,
    yields,
  });
  // A transcoded copy holds names and IDs: the warehouse's private temp folder, never the system's.
  const scratch = createPrivateTempDir(context.db, 'export-');
  try {
    const findings: Finding[] = [];
    const aside = { notReported: 0, dateOutOfWindow: 0, malformed: 0 };
    try {
      const source = await exportRelation(
        connection,
        filePath,
        format,
        definition,
        scratch,
        context.limits,
        at,
      );
      if (Array.isArray(source)) return staged(source);
      const missing = await missingExportColumns(connection, source.relation, definition);
      if (missing.length > 0)
        return staged([
          finding(
            'missing_columns',
            'error',
            { system: definition.system, missing, expected: definition.columns },
            at(),
          ),
        ]);
      const salt = definition.person_id ? await readOrCreateSalt(connection, context.saltFile) : null;
      await stageExportRows(connection, source.relation, definition, salt);
      const refused = await source.refusedRows();
      aside.malformed = refused.malformedCount;
      if (refused.malformedCount > 0)
        findings.push(
          finding(
            'malformed_rows',
            'error',
            {
              format: 'csv',
              count: refused.malformedCount,
              expected: refused.expected,
              rows: refused.malformed,
            },
            at({ row: refused.malformed.map((r) => r.row).join(', ') }),
          ),
        );
      aside.notReported = source.blankLines + refused.blank + (await leaveOutBlankRows(connection));
      findings.push(...(await checkExportRows(connection, definition, at)));
      const window = await exportDateWindow(connection, filePath, context.now);
      const { dateColumns } = exportStageLayout(definition);
      const outside = await leaveOutImplausibleDates(connection, dateColumns, window, at);
      aside.dateOutOfWindow = outside.leftOut;
      findings.push(...outside.findings);
      findings.push(...(await checkExportIds(connection, definition, at)));
      findings.push(...(await checkUnselectedValues(connection, definition, at)));
      if (findings.some((f) => f.severity === 'error'))
        return staged(findings, await countExportRows(connection, definition, null, aside));
      const yields = await stageExportYields(connection, definition, hash, context.catalogue);
      return staged(findings, await countExportRows(connection, definition, yields, aside), yields);
    } catch (error) {
      return staged([exportReadFailure(error, format, at)]);
    }
  } finally {
    await connection.run('DROP VIEW IF EXISTS export_stage');
    await connection.run('DROP TABLE IF EXISTS export_stage_rows');
    for (const table of ['export_arrow', 'export_xlsx', 'export_csv_rejects', 'export_csv_scans'])
      await connection.run(`DROP TABLE IF EXISTS temp.${table}`);
    removePrivateTempDir(scratch);
  }
}
