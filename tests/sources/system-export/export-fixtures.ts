/**
 * Small, exact export files for the system-export tests: valid and invalid 公民身份号码, the four
 * systems' layouts, written in the encodings and formats the systems use.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { configSchema } from '../../../core/config.ts';
import type { FileCounts } from '../../../core/file-counts.ts';
import type { FileOutcome } from '../../../core/file-outcome.ts';
import {
  checkStagedFile,
  fileOutcome,
  readFile,
  type IngestContext,
} from '../../../pipelines/ingest-file.ts';
import { loadStagedFile } from '../../../warehouse/load-staged-file.ts';
import { idCheckCharacter } from '../../../sources/system-export/id-number-sql.ts';
import type { TestWarehouse } from '../../helpers/test-warehouse.ts';

/** A valid ID for person `n` (born 1990-01-01 in 市南区). */
export function personId(n: number): string {
  const first17 = `37020219900101${String(n).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export const REGISTRATION_HEADER = '序号,姓名,公民身份号码,性别,登记日期,就业登记类型,经办机构,行政区划代码';

/** Write CSV text in an encoding: utf8, utf8-bom, gbk or gb18030. */
export function writeCsv(
  file: string,
  lines: readonly string[],
  encoding: 'utf8' | 'utf8-bom' | 'gbk' | 'gb18030',
) {
  const text = lines.join('\n') + '\n';
  if (encoding === 'utf8') writeFileSync(file, text, 'utf8');
  else if (encoding === 'utf8-bom') writeFileSync(file, '\ufeff' + text, 'utf8');
  else writeFileSync(file, iconv.encode(text, encoding));
}

/**
 * Ingest one file as `ingestFile` does, step by step, to see its staged accounting beside the
 * outcome: the counts every export carries (SPEC §6).
 */
export async function ingestCounted(
  connection: DuckDBConnection,
  file: string,
  context: IngestContext,
): Promise<{ outcome: FileOutcome; counts: FileCounts }> {
  const read = await readFile(connection, file, context);
  if (read.kind === 'unchanged') throw new Error(`${file} was loaded before`);
  const staged = await checkStagedFile(connection, read.staged, context.catalogue);
  return {
    outcome: fileOutcome(staged, await loadStagedFile(connection, staged, context)),
    counts: staged.counts,
  };
}

/** A fresh folder with a config whose warehouse and salt live in it; `prefix` names the folder. */
export function exportWorkspace(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const config = {
    ...configSchema.parse({}),
    salt_file: path.join(dir, 'secret', 'salt'),
    db: path.join(dir, 'kpi.duckdb'),
  };
  return { dir, config };
}

/** `ingestCounted` on the test warehouse `w` with `config`, on a fixed clock. */
export const ingestInWorkspace = (
  w: TestWarehouse,
  file: string,
  config: ReturnType<typeof exportWorkspace>['config'],
) =>
  ingestCounted(w.connection, file, {
    runId: 'test',
    now: new Date('2026-12-07T10:00:00+08:00'),
    config,
    catalogue: w.catalogue,
  });
