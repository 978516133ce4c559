/**
 * The one entry point for reading a file of any kind: routes it to the source that reads it and
 * returns it staged. A file no source recognises is staged as unreadable (rejected), never skipped.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { NO_COUNTS } from '../core/file-counts.ts';
import { finding } from '../core/finding.ts';
import type { StagedFile } from '../warehouse/staged-file.ts';
import { DISTRICT_RETURN_SOURCE, readDistrictReturn } from './district-return/read-district-return.ts';
import type { WorkbookLimits } from './district-return/check-workbook-limits.ts';
import type { ExportDefinition } from './system-export/export-definition.ts';
import { loadExportDefinitions, matchExportDefinition } from './system-export/load-export-definitions.ts';
import { readSystemExport } from './system-export/read-system-export.ts';

const definitionsByCatalogue = new WeakMap<Catalogue, ExportDefinition[]>();

/** The bundled export definitions, validated against the catalogue once. */
function exportDefinitions(catalogue: Catalogue): ExportDefinition[] {
  let definitions = definitionsByCatalogue.get(catalogue);
  if (!definitions) {
    definitions = loadExportDefinitions(catalogue);
    definitionsByCatalogue.set(catalogue, definitions);
  }
  return definitions;
}

/** What reading needs besides the file: the catalogue, the clock and the salt file for person hashes. */
export interface ReadContext {
  readonly catalogue: Catalogue;
  readonly now: Date;
  readonly saltFile: string;
  /** The warehouse file (its private temp folder takes transcoded copies). */
  readonly db: string;
  /** Workbook limits, checked before a workbook is parsed. */
  readonly limits: WorkbookLimits;
}

/**
 * Read the file at `filePath` (content hash `hash`). Exports are staged in temporary tables of
 * `connection`; nothing of the warehouse is written.
 */
export async function readSourceFile(
  connection: DuckDBConnection,
  filePath: string,
  hash: string,
  context: ReadContext,
): Promise<StagedFile> {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.xlsx') return readDistrictReturn(filePath, hash, context);
  const definition = matchExportDefinition(filePath, exportDefinitions(context.catalogue));
  if (definition)
    return readSystemExport(connection, filePath, hash, definition, {
      catalogue: context.catalogue,
      saltFile: context.saltFile,
      db: context.db,
      now: context.now,
    });
  const legacy = extension === '.xls' || extension === '.et';
  return {
    kind: 'unreadable',
    file: filePath,
    hash,
    sourceKind: legacy ? 'return' : 'export',
    sourceName: legacy ? DISTRICT_RETURN_SOURCE : 'unknown',
    counts: NO_COUNTS,
    findings: [
      finding(
        legacy ? 'old_workbook_format' : 'no_definition',
        'error',
        {},
        { file: path.basename(filePath) },
      ),
    ],
  };
}
