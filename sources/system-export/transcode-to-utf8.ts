/**
 * Makes a CSV readable by DuckDB (which reads UTF-8 only): tells UTF-8 (with or without BOM),
 * UTF-16LE/BE with a BOM (Excel's "Unicode text") and GB18030/GBK apart, and streams a file that is
 * not UTF-8 into a UTF-8 temp file with Node's own TextDecoder. Bytes that are not valid in the
 * encoding are an error naming the byte offset — never replacement characters in the warehouse.
 *
 * A large file is transcoded in parts, one worker thread per core: the parts are cut just after a
 * newline byte, which is never part of a multi-byte character in GB18030, so each part decodes on
 * its own, and the parts' UTF-8 is joined in order into the one target file DuckDB reads. The
 * output is the same bytes as one pass gives.
 */
import {
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { finished, pipeline } from 'node:stream/promises';
import { startModuleWorker } from '../../core/start-module-worker.ts';

export type CsvEncoding = 'utf8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** How each encoding is named to people. */
export const ENCODING_NAMES: { readonly [E in CsvEncoding]: string } = {
  utf8: 'UTF-8',
  gb18030: 'GB18030/GBK',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/** The file is not valid in its encoding. */
export class EncodingError extends Error {
  override name = 'EncodingError';
  constructor(
    readonly encoding: string,
    readonly byteOffset: number,
  ) {
    super(`bytes not valid in ${encoding} at byte offset ${byteOffset}`);
  }
}

/** A file smaller than two parts of this size is transcoded in one pass, without workers. */
const PART_BYTES = 32 * 1024 * 1024;
/** Most parts (and worker threads) for one file. */
const MAX_PARTS = 8;

/**
 * Decide the encoding from the first 64 KiB: a UTF-16 BOM → that UTF-16; a UTF-8 BOM or valid UTF-8
 * → utf8; otherwise gb18030 (a superset of GBK).
 */
export function detectEncoding(file: string): CsvEncoding {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(65536);
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const bytes = head.subarray(0, length);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  try {
    // A multi-byte character cut at the end of the sample is not evidence against UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** One part of a file: bytes `start` to `end` (exclusive). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Stream-transcode a GB18030/GBK file (or, in one pass, a UTF-16 one; its BOM is dropped) to UTF-8
 * at `target`. `partBytes` (tests) overrides the size from which a file is cut into parts for the
 * workers.
 */
export async function transcodeToUtf8(
  file: string,
  target: string,
  options: { readonly partBytes?: number; readonly encoding?: Exclude<CsvEncoding, 'utf8'> } = {},
): Promise<void> {
  const encoding = options.encoding ?? 'gb18030';
  // A UTF-16 newline is two bytes, and a 0x0a byte can be half of any character: never cut.
  if (encoding !== 'gb18030')
    return transcodeRange(file, { start: 0, end: statSync(file).size }, target, encoding);
  const size = statSync(file).size;
  const partBytes = options.partBytes ?? PART_BYTES;
  const wanted = Math.min(MAX_PARTS, availableParallelism(), Math.floor(size / partBytes));
  const ranges = wanted >= 2 ? cutAtNewlines(file, size, wanted) : [{ start: 0, end: size }];
  if (ranges.length === 1) {
    await transcodeRange(file, ranges[0]!, target);
    return;
  }
  const partFile = (k: number) => (k === 0 ? target : `${target}.part${k}`);
  try {
    // Every worker settles before the parts are joined or removed.
    const settled = await Promise.allSettled(
      ranges.map((range, k) => transcodeInWorker(file, range, partFile(k))),
    );
    for (const result of settled) if (result.status === 'rejected') throw result.reason;
    const bad = settled.flatMap((r) => (r.status === 'fulfilled' && r.value !== null ? [r.value] : []))[0];
    if (bad !== undefined) throw new EncodingError('GB18030/GBK', bad);
    for (let k = 1; k < ranges.length; k++)
      await pipeline(createReadStream(partFile(k)), createWriteStream(target, { flags: 'a' }));
  } finally {
    for (let k = 1; k < ranges.length; k++) rmSync(partFile(k), { force: true });
  }
}

/**
 * Transcode `range` of `file` to UTF-8 at `target`; throws `EncodingError` with the first bad offset.
 * (A GB18030 decoder strips no BOM: a leading U+FEFF stays text, in any part; a UTF-16 one drops it.)
 */
export async function transcodeRange(
  file: string,
  range: ByteRange,
  target: string,
  encoding: Exclude<CsvEncoding, 'utf8'> = 'gb18030',
): Promise<void> {
  // Names and IDs in clear: owner-only, like the private folder it is written in.
  const out = createWriteStream(target, { mode: 0o600 });
  // A full disk (ENOSPC) is an 'error' event: caught here, thrown below, never an uncaught crash.
  let failed: Error | undefined;
  out.on('error', (error) => (failed ??= error));
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = range.start;
  try {
    if (range.end > range.start)
      for await (const chunk of createReadStream(file, {
        start: range.start,
        end: range.end - 1,
        highWaterMark: 1 << 20,
      }) as AsyncIterable<Buffer>) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw new EncodingError(ENCODING_NAMES[encoding], await firstInvalidOffset(file, offset, encoding));
        }
        if (failed) throw failed;
        if (text.length > 0 && !out.write(text)) await once(out, 'drain');
        offset += chunk.length;
      }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new EncodingError(ENCODING_NAMES[encoding], offset);
    }
    if (rest) out.write(rest);
  } finally {
    out.end();
    await finished(out);
  }
}

/** Up to `parts` ranges of about equal size, each but the last ending just after a newline byte. */
function cutAtNewlines(file: string, size: number, parts: number): ByteRange[] {
  const fd = openSync(file, 'r');
  try {
    const ranges: ByteRange[] = [];
    const probe = Buffer.alloc(1 << 16);
    let start = 0;
    for (let k = 1; k < parts; k++) {
      let at = Math.max(start, Math.floor((size * k) / parts));
      let end = -1;
      while (end < 0 && at < size) {
        const read = readSync(fd, probe, 0, probe.length, at);
        const newline = probe.subarray(0, read).indexOf(0x0a);
        if (newline >= 0) end = at + newline + 1;
        else at += read;
      }
      if (end < 0 || end >= size) break;
      ranges.push({ start, end });
      start = end;
    }
    ranges.push({ start, end: size });
    return ranges;
  } finally {
    closeSync(fd);
  }
}

/** Transcode one range in a worker thread; resolves to null, or to the first bad byte offset. */
function transcodeInWorker(file: string, range: ByteRange, target: string): Promise<number | null> {
  const worker = startModuleWorker('./transcode-range-worker.ts', import.meta.url);
  return new Promise<number | null>((resolve, reject) => {
    worker.once('message', (answer: { ok: true } | { ok: false; offset?: number; message: string }) => {
      if (answer.ok) resolve(null);
      else if (answer.offset !== undefined) resolve(answer.offset);
      else reject(new Error(answer.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the transcoding worker ended (exit code ${code})`)));
    worker.postMessage({ file, range, target });
  }).finally(() => void worker.terminate());
}

/**
 * The first byte offset at or after `from`'s chunk where decoding fails, found by decoding ever
 * longer prefixes of the failing region (only on the error path, so speed does not matter).
 */
async function firstInvalidOffset(
  file: string,
  chunkStart: number,
  encoding: Exclude<CsvEncoding, 'utf8'>,
): Promise<number> {
  const fd = openSync(file, 'r');
  try {
    // Start at a line break before the chunk: a newline is never part of a multi-byte character in
    // GB18030, so decoding from just after it starts on a character boundary. A UTF-16 chunk starts
    // on a character boundary already (chunks are an even number of bytes).
    const lookBack = encoding === 'gb18030' ? Math.min(chunkStart, 1 << 16) : 0;
    const window = Buffer.alloc(lookBack + (1 << 20) + 8);
    const read = readSync(fd, window, 0, window.length, chunkStart - lookBack);
    const newline = window.subarray(0, lookBack).lastIndexOf(0x0a);
    const skip = newline === -1 ? 0 : newline + 1;
    const start = chunkStart - lookBack + skip;
    const bytes = window.subarray(skip, read);
    const length = bytes.length;
    const ok = (n: number) => {
      try {
        new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let low = 0;
    let high = length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (ok(mid)) low = mid;
      else high = mid - 1;
    }
    // `low` bytes decode, but may end inside a character whose bad continuation follows: the bad
    // sequence starts at the last character boundary.
    const complete = (n: number) => {
      try {
        new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n));
        return true;
      } catch {
        return false;
      }
    };
    let boundary = low;
    while (boundary > 0 && low - boundary < 4 && !complete(boundary)) boundary--;
    return start + boundary;
  } finally {
    closeSync(fd);
  }
}
