/**
 * The one entry point for reading a file of any kind: routes it by its bytes to the source that
 * reads it and returns it staged. A file no source recognises is staged as unreadable (rejected),
 * never skipped.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { NO_COUNTS } from '../core/file-counts.ts';
import { finding } from '../core/finding.ts';
import type { StagedFile } from '../warehouse/staged-file.ts';
import { readDistrictReturn } from './district-return/read-district-return.ts';
import { checkWorkbookLimits, type WorkbookLimits } from './district-return/check-workbook-limits.ts';
import type { ExportDefinition } from './system-export/export-definition.ts';
import { loadExportDefinitions, matchExportDefinition } from './system-export/load-export-definitions.ts';
import { exportFormat } from './system-export/export-relation.ts';
import { readSystemExport } from './system-export/read-system-export.ts';
import { exportWorkbookLimits } from './system-export/export-workbook-limits.ts';
import { matchXlsxExport } from './system-export/read-xlsx-export.ts';
import { sniffFileKind } from './sniff-file-kind.ts';

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

/** Whether an export definition takes the file's name (a CSV saved under a workbook's extension, say). */
export function namesAnExport(filePath: string, catalogue: Catalogue): boolean {
  return matchExportDefinition(filePath, exportDefinitions(catalogue)) !== undefined;
}

/**
 * The export definition a workbook (a zip, `sniffFileKind`) is a copy of, when its header holds
 * one's columns; null for a district return. A workbook beyond an export's limits (Excel's rows) is
 * never parsed, not even for its header: the return reader says why; one within them but beyond a
 * return's is a return only when its header is no export's, and the return reader refuses it. Pipelines that read returns in a child process ask
 * this to keep an .xlsx export in the loading process.
 */
export async function workbookExportDefinition(
  filePath: string,
  context: Pick<ReadContext, 'catalogue' | 'limits'>,
): Promise<ExportDefinition | null> {
  if ((await checkWorkbookLimits(filePath, exportWorkbookLimits(context.limits))).length > 0) return null;
  return matchXlsxExport(filePath, exportDefinitions(context.catalogue));
}

/**
 * Read the file at `filePath` (content hash `hash`). What it is comes from its bytes, not its
 * extension: a zip is a workbook — an export when its header row holds an export definition's
 * columns, else a district return; an OLE file is an old .xls/.et workbook; Parquet, Arrow IPC and
 * text are exports when a definition matches the name. Exports are staged in temporary tables of
 * `connection`; nothing of the warehouse is written.
 */
export async function readSourceFile(
  connection: DuckDBConnection,
  filePath: string,
  hash: string,
  context: ReadContext,
): Promise<StagedFile> {
  const kind = await sniffFileKind(filePath);
  const definitions = exportDefinitions(context.catalogue);
  const exportContext = {
    catalogue: context.catalogue,
    saltFile: context.saltFile,
    db: context.db,
    now: context.now,
    limits: context.limits,
  };
  if (kind === 'zip') {
    const definition = await workbookExportDefinition(filePath, context);
    if (definition) return readSystemExport(connection, filePath, hash, definition, 'xlsx', exportContext);
    return readDistrictReturn(filePath, hash, context);
  }
  // An old workbook (.xls, WPS .et) or an OpenDocument one (.ods) is a district return: the return
  // reader converts it with LibreOffice.
  if (kind === 'ole' || kind === 'ods') return readDistrictReturn(filePath, hash, context);
  const definition = matchExportDefinition(filePath, definitions);
  const format = definition ? await exportFormat(filePath, kind) : null;
  if (definition && format)
    return readSystemExport(connection, filePath, hash, definition, format, exportContext);
  // Named as a workbook but neither a zip nor an OLE file: the return reader says it cannot be read.
  if (['.xlsx', '.xls', '.et', '.ods'].includes(path.extname(filePath).toLowerCase()))
    return readDistrictReturn(filePath, hash, context);
  return {
    kind: 'unreadable',
    file: filePath,
    hash,
    sourceKind: 'export',
    sourceName: 'unknown',
    counts: NO_COUNTS,
    findings: [finding('no_definition', 'error', {}, { file: path.basename(filePath) })],
  };
}
