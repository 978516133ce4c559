/**
 * One streaming pass over a UTF-8 text file before DuckDB reads it, for what DuckDB's CSV and JSON
 * readers skip without a word: blank lines (each is "not reported" in the file's accounting, so the
 * counts add up to what it holds) and lines beyond `MAX_LINE_BYTES` (DuckDB drops a line longer
 * than its buffer silently; we refuse the file, naming the line). A chunk with no quote is searched
 * with `indexOf`; one with quotes is walked so a line break inside a quoted CSV field is not a line.
 */
import { createReadStream } from 'node:fs';

/** The longest line read: DuckDB's `max_line_size`. */
export const MAX_LINE_BYTES = 2_000_000;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** What the pass found: blank lines, and the first line beyond `MAX_LINE_BYTES` (1-based), if any. */
export interface ScannedLines {
  readonly blank: number;
  readonly tooLong: number | null;
}

/**
 * Scan `file`: empty lines (nothing, or only a CR, between two line breaks) after the first line,
 * and a last line left empty without a break; the first line too long. `quotes`: CSV quoting is
 * honoured (a JSON-lines file has no line break inside a string, and its escaped quotes are not
 * CSV's).
 */
export async function scanLines(file: string, options: { readonly quotes: boolean }): Promise<ScannedLines> {
  let blank = 0;
  let tooLong: number | null = null;
  // Where the scan stands: inside quotes; at the start of a line (after a break, nothing or a CR seen).
  let quoted = false;
  let lineStart = false;
  let onlyCr = false;
  let seenAny = false;
  // The line being read: its number and the offset it starts at.
  let line = 1;
  let lineFrom = 0;
  let offset = 0;
  const endLine = (at: number) => {
    if (tooLong === null && at - lineFrom > MAX_LINE_BYTES) tooLong = line;
    line++;
    lineFrom = at + 1;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    seenAny = true;
    if (!quoted && !(options.quotes && chunk.includes(QUOTE))) {
      // Fast path: only breaks matter. Finish a line start carried from the last chunk first.
      let i = 0;
      while (lineStart && i < chunk.length) {
        const b = chunk[i]!;
        if (b === LF) {
          blank++;
          endLine(offset + i);
          onlyCr = false;
          i++;
        } else if (b === CR && !onlyCr) {
          onlyCr = true;
          i++;
        } else {
          lineStart = false;
          onlyCr = false;
        }
      }
      if (i < chunk.length)
        for (let at = chunk.indexOf(LF, i); at !== -1; at = chunk.indexOf(LF, at + 1)) {
          endLine(offset + at);
          const next = chunk[at + 1];
          if (next === LF) blank++;
          else if (next === CR && chunk[at + 2] === LF) blank++;
          else if (at + 1 >= chunk.length || (next === CR && at + 2 >= chunk.length)) {
            // A break at the end of the chunk: the next chunk says whether the line is blank.
            lineStart = true;
            onlyCr = next === CR;
          }
        }
    } else
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (quoted) {
          if (b === QUOTE) quoted = false;
          continue;
        }
        if (b === LF) {
          if (lineStart) blank++;
          endLine(offset + i);
          lineStart = true;
          onlyCr = false;
        } else if (b === CR && lineStart && !onlyCr) onlyCr = true;
        else {
          if (b === QUOTE && options.quotes) quoted = true;
          lineStart = false;
          onlyCr = false;
        }
      }
    offset += chunk.length;
    // A line already too long need not be read to its end to be named.
    if (tooLong === null && offset - lineFrom > MAX_LINE_BYTES) tooLong = line;
  }
  // A trailing break ends the last line; a trailing "\r" alone after it is a blank line left open.
  return { blank: seenAny && lineStart && onlyCr ? blank + 1 : blank, tooLong };
}
