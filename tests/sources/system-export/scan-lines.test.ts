import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, scanLines } from '../../../sources/system-export/scan-lines.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-blank-'));
const count = (text: string | Buffer, quotes = true) => {
  const file = path.join(dir, `${Math.random()}.csv`);
  writeFileSync(file, text);
  return scanLines(file, { quotes }).then((scanned) => scanned.blank);
};

describe('scanLines', () => {
  it('counts empty lines with LF or CRLF, not a last line break, not lines of spaces', async () => {
    expect(await count('a,b\n1,2\n')).toBe(0);
    expect(await count('a,b\n\n1,2\n\n\n')).toBe(3);
    expect(await count('a,b\r\n\r\n1,2\r\n\r\n')).toBe(2);
    expect(await count('a,b\n  \n1,2\n')).toBe(0);
    expect(await count('a,b\n1,2')).toBe(0);
  });

  it('does not count a blank line inside a quoted CSV field, but does in JSON lines', async () => {
    expect(await count('a,b\n"x\n\ny",1\n\n')).toBe(1);
    expect(await count('a,b\n"x\r\n\r\ny",1\r\n\r\n')).toBe(1);
    expect(await count('{"a":"\\""}\n\n{"a":"b"}\n', false)).toBe(1);
  });

  it('counts the same across 1 MiB chunk boundaries, with and without quotes in the chunk', async () => {
    for (const quoted of [false, true]) {
      const line = quoted ? '"1",2\r\n' : '1,2\r\n';
      // A blank line straddling the first chunk's end, at every offset around it.
      for (const shift of [-3, -2, -1, 0, 1]) {
        const head = line.repeat(Math.floor(((1 << 20) - 100) / line.length));
        // The three line breaks start at byte 2^20 + shift.
        const pad = 'x'.repeat((1 << 20) + shift - 5 - head.length);
        const text = `a,b\r\n${head}${pad}\r\n\r\n\r\n${line.repeat(10)}`;
        expect(await count(text), `${quoted} ${shift}`).toBe(2);
      }
    }
  });

  it('names the first line beyond the longest DuckDB reads, in a quoted field or not', async () => {
    const scan = (text: string) => {
      const file = path.join(dir, `${Math.random()}.csv`);
      writeFileSync(file, text);
      return scanLines(file, { quotes: true });
    };
    const long = 'x'.repeat(MAX_LINE_BYTES + 1);
    expect(await scan(`a,b\n1,2\n${long}\n3,4\n${long}\n`)).toEqual({ blank: 0, tooLong: 3 });
    expect(await scan(`a,b\n"1\n2",2\n\n"${long}"`)).toEqual({ blank: 1, tooLong: 4 });
    expect(await scan(`a,b\n${'x'.repeat(MAX_LINE_BYTES)}\n`)).toEqual({ blank: 0, tooLong: null });
  });
});
