/**
 * Turns what a reader threw into the finding a person reads, in Chinese: never DuckDB's English,
 * never a temp path. A byte not valid in the encoding names its offset; a JSON line that does not
 * parse names its line; a salt that cannot be used says why; running out of the warehouse's memory says so; anything else says the file
 * cannot be read in its format.
 */
import { isDiskFull } from '../../core/is-disk-full.ts';
import { finding, type ExportFormat, type Finding, type FindingLocation } from '../../core/finding.ts';
import { UnusableSaltError } from './read-or-create-salt.ts';
import { EncodingError } from './transcode-to-utf8.ts';

/** The finding for `error`, thrown while reading an export in `format`. */
export function exportReadFailure(
  error: unknown,
  format: ExportFormat,
  at: (extra?: Partial<FindingLocation>) => FindingLocation,
): Finding {
  // A full disk (ENOSPC) fails this file for tonight only: it stays in the inbox for the next run.
  if (isDiskFull(error))
    return finding(
      'unreadable_file',
      'error',
      { reason: '暂存时磁盘已满，本次未读取；文件留在收件箱，腾出磁盘空间后下次运行会重新读取', retry: true },
      at(),
    );
  if (error instanceof UnusableSaltError)
    return finding('unusable_salt', 'error', { kind: error.kind, file: error.file }, at());
  if (error instanceof EncodingError)
    return finding(
      'export_encoding',
      'error',
      { encoding: error.encoding, byteOffset: error.byteOffset },
      at(),
    );
  const first = String((error as Error)?.message ?? error).split('\n')[0]!;
  if (first.startsWith('Out of Memory Error'))
    return finding(
      'unreadable_file',
      'error',
      { reason: '读取时超出仓库内存上限（limits.warehouse_memory_mb），已拒收' },
      at(),
    );
  const json = /Malformed JSON .* in line (\d+)/.exec(first);
  if (json)
    return finding(
      'malformed_rows',
      'error',
      { format: 'jsonl', count: 1, expected: null, rows: [{ row: Number(json[1]), found: null }] },
      at({ row: Number(json[1]) }),
    );
  return finding('unreadable_export', 'error', { format }, at());
}
