/**
 * The board's pure parts with worked figures: escaping, 同比, the colour of a completion figure at
 * its displayed precision, the report listing, and the per-version cache.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { html, trusted } from '../../serve/html.ts';
import { listReportFiles } from '../../serve/list-report-files.ts';
import { createVersionCache } from '../../serve/version-cache.ts';
import { yearOnYear } from '../../serve/year-on-year.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('html', () => {
  it('escapes every value from the warehouse and inserts trusted fragments as they are', () => {
    const name = `2022年10月_<script>alert("x")</script>'.xlsx`;
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="2022年10月_&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#39;.xlsx">' +
        '2022年10月_&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#39;.xlsx</td>',
    );
    expect(html`<p>${[html`<b>${'a&b'}</b>`, trusted('<svg/>'), null, false, 3]}</p>`.value).toBe(
      '<p><b>a&#38;b</b><svg/>3</p>',
    );
  });
});

describe('同比', () => {
  it("prints the comparison view's growth in percent for quantities and its change in 个百分点 for rates", () => {
    expect(yearOnYear('flow', '12000', '4.0000000000')).toBe('+4.0%');
    expect(yearOnYear('stock', '-42900', '-1.6188679245')).toBe('-1.6%');
    expect(yearOnYear('ratio', '-0.53', null)).toBe('-0.53个百分点');
    expect(yearOnYear('flow', null, null)).toBe('—');
    expect(yearOnYear('rate', null, null)).toBe('—');
  });
});

describe('the reports folder', () => {
  it('offers regular files named <report>-YYYY-MM.<known format>, newest month first, and nothing else', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kpi-reports-'));
    dirs.push(dir);
    for (const name of [
      'bulletin-2022-09.md',
      'bulletin-2022-10.md',
      'bulletin-2022-10.xlsx',
      'notes.txt',
      'bulletin-2022-10.exe',
    ])
      writeFileSync(path.join(dir, name), 'x');
    mkdirSync(path.join(dir, 'bulletin-2022-11.md'));
    symlinkSync('/etc/hostname', path.join(dir, 'bulletin-2022-12.md'));
    expect(listReportFiles(dir).map((f) => f.name)).toEqual([
      'bulletin-2022-10.md',
      'bulletin-2022-10.xlsx',
      'bulletin-2022-09.md',
    ]);
    expect(listReportFiles(path.join(dir, 'absent'))).toEqual([]);
  });
});

describe('the per-version cache', () => {
  it('reads once per file version and forgets everything when the version changes', async () => {
    const cache = createVersionCache(2);
    let reads = 0;
    const read = async () => ++reads;
    expect(await cache.get('v1', 'a', read)).toBe(1);
    expect(await cache.get('v1', 'a', read)).toBe(1);
    expect(await cache.get('v2', 'a', read)).toBe(2);
    expect(await cache.get('v1', 'a', read)).toBe(3);
  });

  it('keeps no failure and at most its limit of results', async () => {
    const cache = createVersionCache(2);
    await expect(cache.get('v1', 'a', () => Promise.reject(new Error('locked')))).rejects.toThrow('locked');
    expect(await cache.get('v1', 'a', async () => 'read again')).toBe('read again');
    await cache.get('v1', 'b', async () => 'b');
    await cache.get('v1', 'c', async () => 'c');
    expect(await cache.get('v1', 'a', async () => 'evicted')).toBe('evicted');
  });
});
