import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffFileKind } from '../../sources/sniff-file-kind.ts';

describe('sniffFileKind', () => {
  it('tells a file by its first bytes whatever its name says', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-sniff-'));
    const file = (name: string, bytes: number[] | string) => {
      const at = path.join(dir, name);
      writeFileSync(at, typeof bytes === 'string' ? bytes : Buffer.from(bytes));
      return at;
    };
    const kinds = await Promise.all([
      sniffFileKind(file('a.xls', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8])),
      sniffFileKind(file('empty.xlsx', [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0])),
      sniffFileKind(file('b.xlsx', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
      sniffFileKind(file('c.csv', 'PAR1\x15\x04')),
      sniffFileKind(file('d.jsonl', 'ARROW1\0\0')),
      sniffFileKind(file('e.parquet', '序号,姓名\n')),
      sniffFileKind(file('f.csv', 'PK')),
      sniffFileKind(file('g.csv', '')),
    ]);
    expect(kinds).toEqual(['zip', 'zip', 'ole', 'parquet', 'arrow', 'text', 'text', 'text']);
  });
});
