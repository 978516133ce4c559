/**
 * Counts the blank lines of a UTF-8 text file, which DuckDB's CSV and JSON readers skip without a
 * word: each is "not reported" in the file's accounting, so the counts still add up to what it
 * holds. One streaming pass; a chunk with no quote is searched with `indexOf`, one with quotes is
 * walked so a blank line inside a quoted CSV field is not counted.
 */
import { createReadStream } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * The number of empty lines (nothing, or only a CR, between two line breaks) after the first line
 * of `file`, and a last line left empty without a break. `quotes`: CSV quoting is honoured (a
 * JSON-lines file has no line break inside a string, and its escaped quotes are not CSV's).
 */
export async function countBlankLines(file: string, options: { readonly quotes: boolean }): Promise<number> {
  let blank = 0;
  // Where the scan stands: inside quotes; at the start of a line (after a break, nothing or a CR seen).
  let quoted = false;
  let lineStart = false;
  let onlyCr = false;
  let seenAny = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    seenAny = true;
    if (!quoted && !(options.quotes && chunk.includes(QUOTE))) {
      // Fast path: only breaks matter. Finish a line start carried from the last chunk first.
      let i = 0;
      while (lineStart && i < chunk.length) {
        const b = chunk[i]!;
        if (b === LF) {
          blank++;
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
      if (i >= chunk.length) continue;
      for (let at = chunk.indexOf(LF, i); at !== -1; at = chunk.indexOf(LF, at + 1)) {
        const next = chunk[at + 1];
        if (next === LF) blank++;
        else if (next === CR && chunk[at + 2] === LF) blank++;
        else if (at + 1 >= chunk.length || (next === CR && at + 2 >= chunk.length)) {
          // A break at the end of the chunk: the next chunk says whether the line is blank.
          lineStart = true;
          onlyCr = next === CR;
        }
      }
      continue;
    }
    for (const b of chunk) {
      if (quoted) {
        if (b === QUOTE) quoted = false;
        continue;
      }
      if (b === LF) {
        if (lineStart) blank++;
        lineStart = true;
        onlyCr = false;
      } else if (b === CR && lineStart && !onlyCr) onlyCr = true;
      else {
        if (b === QUOTE && options.quotes) quoted = true;
        lineStart = false;
        onlyCr = false;
      }
    }
  }
  // A trailing break ends the last line; a trailing "\r" alone after it is a blank line left open.
  return seenAny && lineStart && onlyCr ? blank + 1 : blank;
}
