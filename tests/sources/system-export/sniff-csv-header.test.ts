import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffCsvHeader } from '../../../sources/system-export/sniff-csv-header.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-header-'));
const header = (text: string) => {
  const file = path.join(dir, `${Math.random()}.csv`);
  writeFileSync(file, text);
  return sniffCsvHeader(file);
};

describe('sniffCsvHeader', () => {
  it('reads the delimiter and the names: tabs, commas, quotes, a BOM, CRLF', async () => {
    expect(await header('\ufeff序号\t姓名\t经办机构, 分中心\r\n1\t张三\tx\r\n')).toEqual({
      delimiter: '\t',
      columns: ['序号', '姓名', '经办机构, 分中心'],
    });
    expect(await header('"序号", "姓名","a""b"\n1,2,3\n')).toEqual({
      delimiter: ',',
      columns: ['序号', '姓名', 'a"b'],
    });
    expect(await header('"多行\n表头",b\n1,2\n')).toEqual({ delimiter: ',', columns: ['多行\n表头', 'b'] });
    expect(await header('only,a,header')).toEqual({ delimiter: ',', columns: ['only', 'a', 'header'] });
    expect(await header('')).toBeNull();
  });

  it('refuses a header line beyond 64 KiB or of more than a thousand columns, before reading more', async () => {
    expect(await header('a,'.repeat(40_000) + '\n1\n')).toBeNull();
    expect(await header('a,'.repeat(1000) + 'a\n1\n')).toBeNull();
    expect((await header('a,'.repeat(999) + 'a\n1\n'))?.columns.length).toBe(1000);
  });
});
