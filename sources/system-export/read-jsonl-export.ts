/**
 * A JSON-lines export as DuckDB reads it: a UTF-8 BOM (which DuckDB refuses) is dropped by a
 * streamed copy without its first three bytes, and blank lines, which DuckDB skips, are counted.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { quoteLiteral } from '../../warehouse/sql.ts';
import { scanLines } from './scan-lines.ts';
import type { ExportDefinition } from './export-definition.ts';
import { NONE_REFUSED, type ExportSource } from './export-source.ts';

/** The JSON-lines file at `filePath` as a relation of the definition's columns. */
export async function readJsonlExport(
  filePath: string,
  definition: ExportDefinition,
  scratch: string,
): Promise<ExportSource> {
  let readable = filePath;
  if (await startsWithBom(filePath)) {
    readable = path.join(scratch, 'export.jsonl');
    await pipeline(createReadStream(filePath, { start: 3 }), createWriteStream(readable, { mode: 0o600 }));
  }
  const lines = await scanLines(readable, { quotes: false });
  const columns = `{${definition.columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  return {
    format: 'jsonl',
    relation: `read_json(${quoteLiteral(readable)}, format = 'newline_delimited', columns = ${columns})`,
    blankLines: lines.blank,
    tooLongLine: lines.tooLong,
    refusedRows: async () => NONE_REFUSED,
  };
}

async function startsWithBom(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    await handle.close();
  }
}
