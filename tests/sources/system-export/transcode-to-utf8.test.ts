import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { EncodingError, transcodeToUtf8 } from '../../../sources/system-export/transcode-to-utf8.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-transcode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Some 1.2 MB of GBK-range text with four-byte GB18030 characters (𠀀, 😀) throughout. */
const text =
  '序号,姓名,登记日期,经办机构\n' +
  Array.from(
    { length: 20000 },
    (_, i) => `${i},张${i % 7 ? '三' : '𠀀'},2022-01-05,市南区人社局${i % 11 ? '' : '😀'}\n`,
  ).join('');
const gb18030 = iconv.encode(text, 'gb18030');

const transcode = async (bytes: Buffer, partBytes?: number) => {
  const source = path.join(dir, `in-${Math.random()}.csv`);
  const target = `${source}.utf8`;
  writeFileSync(source, bytes);
  await transcodeToUtf8(source, target, partBytes === undefined ? {} : { partBytes });
  return readFileSync(target);
};

describe('transcodeToUtf8', () => {
  it('gives the same UTF-8 in parts on worker threads as in one pass', async () => {
    const whole = await transcode(gb18030);
    expect(whole.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect((await transcode(gb18030, 100_000)).equals(whole)).toBe(true);
  });

  it('names the first bad byte offset: in a later part, when two parts have one, at the very start', async () => {
    // Line starts (an ASCII digit, never inside a character): one early, one in the last part.
    const lineStart = (near: number) => gb18030.indexOf(0x0a, near) + 1;
    const late = lineStart(gb18030.length - 5000);
    const withBad = (offsets: number[]) => {
      const bytes = Buffer.from(gb18030);
      for (const o of offsets) bytes[o] = 0xff;
      return bytes;
    };
    for (const offsets of [[late], [lineStart(300_000), late], [0]]) {
      const error = await transcode(withBad(offsets), 100_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EncodingError);
      expect((error as EncodingError).byteOffset).toBe(offsets[0]);
      const onePass = await transcode(withBad(offsets)).catch((e: unknown) => e);
      expect((onePass as EncodingError).byteOffset).toBe(offsets[0]);
    }
  });
});
