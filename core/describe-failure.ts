/**
 * One Chinese line for a failure of the environment (disk full, read-only folder, no permission, a
 * file that is not a warehouse…), from a Node error or an error's text: what a person reads in the
 * terminal and in an alert. The English detail stays for `--debug` and JSON.
 */
import path from 'node:path';
import { isDiskFull } from './is-disk-full.ts';
import { maskNationalIds } from './mask-national-ids.ts';

/** Chinese words for the file-system errors a deployment meets. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有权限',
  EPERM: '没有权限',
  EROFS: '只读文件系统，无法写入',
  ENOSPC: '磁盘已满',
  EDQUOT: '磁盘配额已用完',
  EISDIR: '这是文件夹，不是文件',
  ENOTDIR: '路径中有一段不是文件夹',
  EEXIST: '已有同名文件',
};

const READ_ONLY = '只读文件系统，无法写入';

/** The same faults as DuckDB and other libraries word them (no errno code on the error). */
const TEXT_FAULTS: ReadonlyArray<[RegExp, string]> = [
  [/Read-only file system|EROFS/i, READ_ONLY],
  [/Permission denied|EACCES/i, '没有权限'],
  [/No such file or directory/i, '文件或文件夹不存在'],
  [
    /not a valid DuckDB database file|The file is not a valid DuckDB/i,
    '不是DuckDB仓库文件（文件已损坏或是别的文件）',
  ],
  [/out of memory/i, '内存不足'],
];

/** `path: 原因` for a known fault, else null. */
export function knownFailure(error: unknown): string | null {
  const e = error as NodeJS.ErrnoException | undefined;
  const byCode = e?.code ? FILE_ERRORS[e.code] : undefined;
  if (byCode) return e?.path ? `${e.path}：${byCode}` : byCode;
  const text = typeof error === 'string' ? error : (e?.message ?? '');
  // Node's own wording, kept in a message string: `ENOTDIR: not a directory, mkdir '/x/archive/2022-09'`.
  const node = /\b(E[A-Z]+): [^,]*, \w+ '([^']+)'/.exec(text);
  const byText = node ? FILE_ERRORS[node[1]!] : undefined;
  if (node && byText) return `${node[2]}：${byText}`;
  const match = isDiskFull(text)
    ? ([/./, '磁盘已满'] as const)
    : TEXT_FAULTS.find(([pattern]) => pattern.test(text));
  if (!match) return null;
  // DuckDB names the file in quotes: `Cannot open file "/x/kpi.duckdb.work": …`.
  const file = /file "([^"]+)"/.exec(text)?.[1] ?? e?.path;
  // A read-only file system is a folder's property: name the folder, not a temp file in it.
  const where = file && match[1] === READ_ONLY ? path.dirname(file) : file;
  return where ? `${where}：${match[1]}` : match[1];
}

/**
 * One line for any failure: the known fault in Chinese, else `出错：` and the error's first line.
 *
 * @example
 * describeFailure(Object.assign(new Error('…'), { code: 'ENOSPC', path: '/data/kpi.duckdb' }))
 * // '/data/kpi.duckdb：磁盘已满'
 */
export function describeFailure(error: unknown): string {
  const known = knownFailure(error);
  if (known) return maskNationalIds(known);
  const text = typeof error === 'string' ? error : ((error as Error)?.message ?? String(error));
  const line = text.split('\n')[0]!;
  // An error written for people (the product's own, in Chinese) is said as it is.
  return maskNationalIds(/[\u4e00-\u9fff]/.test(line) ? line : `出错：${line}`);
}
