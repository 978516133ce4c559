/**
 * The one entry point for loading a file of any kind: routes it to the source that reads it and
 * returns its outcome (`kpi ingest`, `kpi run`). A file no source recognises is rejected, never skipped.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../pipelines/config.ts';
import { ingestDistrictReturn } from './district-return/ingest-district-return.ts';
import type { FileOutcome } from './file-outcome.ts';
import { maskFinding } from './finding.ts';
import type { ExportDefinition } from './system-export/export-definition.ts';
import { ingestSystemExport } from './system-export/ingest-system-export.ts';
import { loadExportDefinitions, matchExportDefinition } from './system-export/load-export-definitions.ts';

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

/** What loading needs besides the file: the run it belongs to, the clock, the config and the catalogue. */
export interface IngestContext {
  readonly runId: string;
  readonly now: Date;
  readonly config: Config;
  readonly catalogue: Catalogue;
}

/** Validate and load one file; the outcome says loaded, unchanged, revised or rejected (with every reason). */
export async function ingestFile(
  connection: DuckDBConnection,
  filePath: string,
  context: IngestContext,
): Promise<FileOutcome> {
  const outcome = await routeFile(connection, filePath, context);
  // Findings quote raw cells and rows; what leaves here (--json, error reports, logs) shows no ID.
  return { ...outcome, errors: outcome.errors.map(maskFinding), warnings: outcome.warnings.map(maskFinding) };
}

async function routeFile(
  connection: DuckDBConnection,
  filePath: string,
  context: IngestContext,
): Promise<FileOutcome> {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.xlsx') return ingestDistrictReturn(connection, filePath, context);
  const definition = matchExportDefinition(filePath, exportDefinitions(context.catalogue));
  if (definition) return ingestSystemExport(connection, filePath, definition, context);
  const legacy = extension === '.xls' || extension === '.et';
  return {
    file: filePath,
    status: 'rejected',
    region: null,
    period: null,
    errors: [
      {
        code: legacy ? 'unreadable_file' : 'no_definition',
        severity: 'error',
        location: { file: filePath },
        message: legacy
          ? `${path.basename(filePath)} is an old-format workbook: save it as .xlsx (Excel 2007 or later) and send it again`
          : `no definition matches ${path.basename(filePath)}: district returns are .xlsx workbooks, and no system export definition covers this file`,
      },
    ],
    warnings: [],
  };
}
