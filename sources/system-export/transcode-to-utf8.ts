/**
 * Makes a CSV readable by DuckDB (which reads UTF-8 only): tells UTF-8 (with or without BOM) from
 * GB18030/GBK and streams a GB18030 file into a UTF-8 temp file. Bytes that are not valid in the
 * encoding are an error naming the byte offset — never replacement characters in the warehouse.
 */
import { createReadStream, createWriteStream, openSync, readSync, closeSync } from 'node:fs';
import { finished } from 'node:stream/promises';

export type CsvEncoding = 'utf8' | 'gb18030';

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

/** Decide the encoding from the first 64 KiB: a BOM or valid UTF-8 → utf8, otherwise gb18030 (a superset of GBK). */
export function detectEncoding(file: string): CsvEncoding {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(65536);
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const bytes = head.subarray(0, length);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  try {
    // A multi-byte character cut at the end of the sample is not evidence against UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Check a UTF-8 file is valid throughout (streaming); throws `EncodingError` with the first bad offset. */
export async function assertValidUtf8(file: string): Promise<void> {
  await decodeStream(file, 'utf-8', null);
}

/** Stream-transcode a GB18030/GBK file to UTF-8 at `target`. */
export async function transcodeToUtf8(file: string, target: string): Promise<void> {
  const out = createWriteStream(target);
  await decodeStream(file, 'gb18030', (text) => out.write(text));
  out.end();
  await finished(out);
}

async function decodeStream(
  file: string,
  encoding: 'utf-8' | 'gb18030',
  write: ((text: string) => boolean) | null,
) {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let offset = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new EncodingError(
        encoding === 'utf-8' ? 'UTF-8' : 'GB18030/GBK',
        await firstInvalidOffset(file, encoding, offset),
      );
    }
    if (write && text.length > 0 && !write(text)) await new Promise((resolve) => setImmediate(resolve));
    offset += chunk.length;
  }
  try {
    const rest = decoder.decode();
    if (write && rest) write(rest);
  } catch {
    throw new EncodingError(encoding === 'utf-8' ? 'UTF-8' : 'GB18030/GBK', offset);
  }
}

/**
 * The first byte offset at or after `from`'s chunk where decoding fails, found by decoding ever
 * longer prefixes of the failing region (only on the error path, so speed does not matter).
 */
async function firstInvalidOffset(file: string, encoding: string, chunkStart: number): Promise<number> {
  const fd = openSync(file, 'r');
  try {
    // Start at a line break before the chunk: a newline is never part of a multi-byte character in
    // UTF-8 or GB18030, so decoding from just after it starts on a character boundary.
    const lookBack = Math.min(chunkStart, 1 << 16);
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
