/**
 * Reads one business-system export by its definition into staged tables of the loading
 * connection (temporary, never warehouse tables): the file's rows as a relation, staged with IDs
 * hashed, checked, dated within the window, and counted per indicator. DuckDB's readers do the
 * reading and SQL the counting.
 */
import { createPrivateTempDir, removePrivateTempDir } from '../../core/private-temp.ts';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { NO_COUNTS } from '../../core/file-counts.ts';
import { finding, type Finding, type FindingLocation } from '../../core/finding.ts';
import type { StagedExport, StagedYield } from '../../warehouse/staged-file.ts';
import { checkExportIds, checkExportRows } from './check-export-rows.ts';
import type { ExportDefinition } from './export-definition.ts';
import { exportDateWindow } from './export-date-window.ts';
import { exportRelation } from './export-relation.ts';
import { exportStageLayout } from './export-stage-layout.ts';
import { leaveOutImplausibleDates } from './leave-out-implausible-dates.ts';
import { readOrCreateSalt } from './read-or-create-salt.ts';
import { missingExportColumns, stageExportRows } from './stage-export-rows.ts';
import { stageExportYields } from './stage-export-yields.ts';
import { EncodingError } from './transcode-to-utf8.ts';

/** What reading an export needs besides the file: the catalogue and the salt file for person hashes. */
export interface ExportReadContext {
  readonly catalogue: Catalogue;
  readonly saltFile: string;
  /** The warehouse file: transcoded copies are made in its private temp folder. */
  readonly db: string;
  /** The run's clock: a record dated after it, or before the year before the file's own year, is left out. */
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
    const findings: Finding[] = [];
    try {
      const source = await exportRelation(connection, filePath, definition, scratch);
      const missing = await missingExportColumns(connection, source, definition);
      if (missing.length > 0)
        return staged([
          finding(
            'missing_columns',
            'error',
            { system: definition.system, missing, expected: definition.columns },
            at(),
          ),
        ]);
      const salt = definition.person_id ? readOrCreateSalt(context.saltFile) : null;
      await stageExportRows(connection, source, definition, salt);
      findings.push(...(await checkExportRows(connection, definition, at)));
      const window = await exportDateWindow(connection, filePath, context.now);
      const { dateColumns } = exportStageLayout(definition);
      findings.push(...(await leaveOutImplausibleDates(connection, dateColumns, window, at)).findings);
      findings.push(...(await checkExportIds(connection, definition, at)));
    } catch (error) {
      const first = (error as Error).message.split('\n')[0]!;
      const reason =
        error instanceof EncodingError
          ? `${error.message}: the file is not ${error.encoding}; export it again in UTF-8 or GBK`
          : first.startsWith('Out of Memory Error')
            ? `读取时超出仓库内存上限（limits.warehouse_memory_mb），已拒收 (${first})`
            : `cannot read the file: ${first}`;
      return staged([finding('unreadable_file', 'error', { reason }, at())]);
    }
    if (findings.some((f) => f.severity === 'error')) return staged(findings);
    return staged(findings, await stageExportYields(connection, definition, hash, context.catalogue));
  } finally {
    await connection.run('DROP VIEW IF EXISTS export_stage');
    await connection.run('DROP TABLE IF EXISTS export_stage_rows');
    await connection.run('DROP TABLE IF EXISTS export_arrow');
    removePrivateTempDir(scratch);
  }
}
