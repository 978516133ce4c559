/**
 * Limits before parsing (SPEC §6): a workbook is measured from its zip central directory and by
 * streaming its parts, before exceljs sees it, so a hostile or broken file costs milliseconds and a
 * few megabytes. Declared sizes are checked first, then the real ones: every part is inflated as a
 * stream (stopping at the limit, whatever the directory claims) and each sheet's real extent is
 * taken from its cells' and rows' `r` addresses, never from the `<dimension>` tag.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { finding, type Finding, type WorkbookLimit } from '../../core/finding.ts';

/** The configurable limits (config `limits`, whose defaults are SPEC §6's). */
export interface WorkbookLimits extends Readonly<Record<WorkbookLimit, number>> {
  /** Size of the file on disk, bytes. */
  readonly workbook_bytes: number;
  /** Total uncompressed size of its parts (XML), bytes. */
  readonly workbook_xml_bytes: number;
  readonly workbook_sheets: number;
  /** Real extent of one sheet: highest row and column holding a row or a cell. */
  readonly sheet_rows: number;
  readonly sheet_columns: number;
  /** Uncompressed ÷ compressed size of the parts. */
  readonly compression_ratio: number;
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** The file is not a zip archive one can read safely; becomes an `unreadable_file` finding. */
class BrokenZip extends Error {}

/** A limit was reached while measuring; stops the measuring at once. */
class LimitReached extends Error {
  constructor(
    readonly limit: WorkbookLimit,
    readonly value: number,
    readonly where?: string,
  ) {
    super(limit);
  }
}

/**
 * Measure the workbook at `filePath` against `limits`. Returns no finding when it is within every
 * limit, else one error finding (`workbook_too_large`, or `unreadable_file` for a broken archive)
 * naming the limit, the measured value and the maximum.
 *
 * @example
 * const findings = await checkWorkbookLimits('inbox/370202_2022-10.xlsx', config.limits);
 * if (findings.length) return reject(findings); // exceljs never opens it
 */
export async function checkWorkbookLimits(filePath: string, limits: WorkbookLimits): Promise<Finding[]> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(filePath, 'r');
    const { size } = await handle.stat();
    if (size > limits.workbook_bytes) throw new LimitReached('workbook_bytes', size);
    const entries = await readCentralDirectory(handle, size);
    const sheets = entries.filter((e) => /^xl\/(worksheets|chartsheets)\/[^/]+\.xml$/i.test(e.name));
    if (sheets.length > limits.workbook_sheets) throw new LimitReached('workbook_sheets', sheets.length);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    const compressed = entries.reduce((sum, e) => sum + e.compressedSize, 0);
    if (declared > limits.workbook_xml_bytes) throw new LimitReached('workbook_xml_bytes', declared);
    if (declared > limits.compression_ratio * Math.max(compressed, 1))
      throw new LimitReached('compression_ratio', Math.round(declared / Math.max(compressed, 1)));
    // The directory may lie: inflate every part for real, counting bytes and scanning sheets.
    const budget = {
      xml: limits.workbook_xml_bytes,
      ratio: limits.compression_ratio * Math.max(compressed, 1),
      used: 0,
    };
    for (const entry of entries) {
      const isSheet = sheets.includes(entry);
      await inflateEntry(
        handle,
        entry,
        size,
        budget,
        isSheet ? sheetExtentScanner(entry.name, limits) : null,
      );
    }
    return [];
  } catch (error) {
    if (error instanceof LimitReached) return [limitFinding(filePath, error, limits)];
    if (error instanceof BrokenZip || (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR')
      return [brokenFinding(filePath, error instanceof BrokenZip ? error.message : '压缩数据损坏')];
    throw error;
  } finally {
    await handle?.close();
  }
}

/** The central directory's entries (ZIP and ZIP64). */
async function readCentralDirectory(handle: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new BrokenZip('不是zip压缩格式（找不到目录结尾）');
  let count: number = tail.readUInt16LE(eocd + 10);
  let directorySize: number = tail.readUInt32LE(eocd + 12);
  let directoryOffset: number = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new BrokenZip('ZIP64定位记录损坏');
    const record = await readAt(handle, toNumber(tail.readBigUInt64LE(locator + 8)), 56);
    if (record.readUInt32LE(0) !== 0x06064b50) throw new BrokenZip('ZIP64目录结尾损坏');
    count = toNumber(record.readBigUInt64LE(32));
    directorySize = toNumber(record.readBigUInt64LE(40));
    directoryOffset = toNumber(record.readBigUInt64LE(48));
  }
  if (directoryOffset + directorySize > size) throw new BrokenZip('目录超出文件末尾（文件不完整）');
  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50)
      throw new BrokenZip('目录损坏');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    let compressedSize: number = directory.readUInt32LE(at + 20);
    let uncompressed: number = directory.readUInt32LE(at + 24);
    let localOffset: number = directory.readUInt32LE(at + 42);
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra.readUInt16LE(e);
      const length = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        // ZIP64 extended information: the 64-bit values, in this order, for the fields set to ~0.
        let field = e + 4;
        const next = () => {
          if (field + 8 > e + 4 + length) throw new BrokenZip('ZIP64扩展字段损坏');
          const value = toNumber(extra.readBigUInt64LE(field));
          field += 8;
          return value;
        };
        if (uncompressed === 0xffffffff) uncompressed = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + length;
    }
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize,
      size: uncompressed,
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflate one part as a stream, counting its real bytes against the budget and feeding sheet
 * XML to `scan`; the stream is abandoned the moment a limit is reached.
 */
async function inflateEntry(
  handle: FileHandle,
  entry: ZipEntry,
  fileSize: number,
  budget: { xml: number; ratio: number; used: number },
  scan: ((text: string) => void) | null,
): Promise<void> {
  if (entry.flags & 0x1) throw new BrokenZip(`${entry.name}已加密（请去掉密码后重新保存）`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new BrokenZip(`${entry.name}使用了不支持的压缩方式（${entry.method}）`);
  const local = await readAt(handle, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new BrokenZip(`${entry.name}损坏`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > fileSize) throw new BrokenZip(`${entry.name}超出文件末尾（文件不完整）`);
  if (entry.compressedSize === 0) return;
  const raw = Readable.from(readRange(handle, start, entry.compressedSize));
  const source = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 64 * 1024 })) : raw;
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      budget.used += chunk.length;
      if (budget.used > budget.xml) throw new LimitReached('workbook_xml_bytes', budget.used, entry.name);
      if (budget.used > budget.ratio) throw new LimitReached('compression_ratio', 0, entry.name);
      scan?.(decoder.write(chunk));
    }
    scan?.(decoder.end());
  } finally {
    raw.destroy();
    source.destroy();
  }
}

/**
 * A scanner over a sheet's XML, chunk by chunk, tracking the highest row and column that a `<row>`
 * or `<c>` element occupies (positions without `r` follow the previous one, as in the standard).
 */
function sheetExtentScanner(part: string, limits: WorkbookLimits): (text: string) => void {
  const sheet = path.posix.basename(part, '.xml');
  let carry = '';
  let row = 0;
  let column = 0;
  const tag = /<(?:[\w.-]+:)?(row|c)\b([^>]*)>/g;
  return (text: string) => {
    const all = carry + text;
    // Keep an unfinished tag for the next chunk.
    const open = all.lastIndexOf('<');
    const complete = open >= 0 && all.indexOf('>', open) < 0 ? open : all.length;
    carry = all.slice(complete);
    if (carry.length > 64 * 1024) throw new BrokenZip(`${part}中有超过64 KB的标签`);
    const body = all.slice(0, complete);
    tag.lastIndex = 0;
    for (let match = tag.exec(body); match; match = tag.exec(body)) {
      const r = /\br\s*=\s*["']([A-Za-z]*)(\d*)["']/.exec(match[2]!);
      if (match[1] === 'row') {
        row = r?.[2] ? Number(r[2]) : row + 1;
        column = 0;
        if (row > limits.sheet_rows) throw new LimitReached('sheet_rows', row, sheet);
      } else {
        column = r?.[1] ? columnNumber(r[1]) : column + 1;
        if (r?.[2]) row = Math.max(row, Number(r[2]));
        if (column > limits.sheet_columns) throw new LimitReached('sheet_columns', column, sheet);
        if (row > limits.sheet_rows) throw new LimitReached('sheet_rows', row, sheet);
      }
    }
  };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** The bytes from `start`, `length` of them, 64 KB at a time. */
async function* readRange(handle: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < length;) {
    const chunk = await readAt(handle, start + at, Math.min(64 * 1024, length - at));
    if (chunk.length === 0) return;
    at += chunk.length;
    yield chunk;
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function toNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new BrokenZip('大小超出任何工作簿');
  return Number(value);
}

function limitFinding(filePath: string, reached: LimitReached, limits: WorkbookLimits): Finding {
  const value = reached.value > 0 ? reached.value : null;
  return finding(
    'workbook_too_large',
    'error',
    { limit: reached.limit, value, max: limits[reached.limit] },
    { file: path.basename(filePath), ...(reached.where ? { sheet: reached.where } : {}) },
    { input: `${reached.limit}=${value ?? `>${limits[reached.limit]}`}` },
  );
}

function brokenFinding(filePath: string, reason: string): Finding {
  return finding(
    'unreadable_file',
    'error',
    { reason: `不是可读取的Excel工作簿（.xlsx）：${reason}` },
    { file: path.basename(filePath) },
  );
}
