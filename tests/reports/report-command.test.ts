import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

async function kpi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (b) => out.push(String(b)));
  stderr.on('data', (b) => err.push(String(b)));
  const code = await main(['node', 'kpi', ...args], { stdout, stderr } as never);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('kpi report', () => {
  // Issue 13: the bulletin is also written as Word by default; a month without the statistician's
  // text is noted on stderr.
  it('writes md, html, xlsx and docx from a warehouse file opened read-only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kpi-cli-'));
    const db = path.join(dir, 'kpi.duckdb');
    await withTestWarehouse(loadOctober2022, db);
    const out = path.join(dir, 'reports');
    const result = await kpi(['--db', db, 'report', '--period', '2022-10', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^通报：未找到2022-10的主要工作情况和下步工作打算（.*bulletin-text\/2022-10\.md），本期通报不含这两部分\n$/,
    );
    expect(result.stdout.trim().split('\n')).toEqual(
      ['md', 'html', 'xlsx', 'docx'].map((f) => path.join(out, `bulletin-2022-10.${f}`)),
    );
    expect(await readFile(path.join(out, 'bulletin-2022-10.md'), 'utf8')).toBe(
      await readFile(path.join(import.meta.dirname, 'golden', 'bulletin-2022-10.md'), 'utf8'),
    );
    const asOf = await kpi([
      '--db',
      db,
      'report',
      '--period',
      '2022-09',
      '--format',
      'md',
      '--out',
      out,
      '--as-of',
      '2022-10-05T18:00+08:00',
    ]);
    expect(asOf.code).toBe(0);
    expect(await readFile(path.join(out, 'bulletin-2022-09.md'), 'utf8')).toContain('| 1 | 市南区 | 1.60 |');
  }, 300_000);

  // Issue 13: the 审核 results have a report of their own, per district, in Chinese.
  it('writes the month’s 审核 report with --kind audit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kpi-cli-'));
    const db = path.join(dir, 'kpi.duckdb');
    await withTestWarehouse(loadOctober2022, db);
    const out = path.join(dir, 'reports');
    const result = await kpi(['--db', db, 'report', '--period', '2022-10', '--kind', 'audit', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim().split('\n')).toEqual(
      ['md', 'xlsx'].map((f) => path.join(out, `audit-2022-10.${f}`)),
    );
    const md = await readFile(path.join(out, 'audit-2022-10.md'), 'utf8');
    expect(md).toContain('# 青岛市人社统计月报审核情况报告');
    expect(md).toContain('## 黄岛区（强制性0条，核实性1条）');
    expect(md).toContain('| 核实性审核（请核实） | 环比变动过大 | 城镇新增就业 |');
    expect(md).not.toMatch(/month_over_month|behind_schedule/);
    expect(
      (await kpi(['--db', db, 'report', '--period', '2022-10', '--kind', 'audit', '--format', 'docx'])).code,
    ).toBe(2);
  });

  it('rejects a bad period or format as a usage error', async () => {
    expect((await kpi(['report', '--period', '2022-13'])).code).toBe(2);
    expect((await kpi(['report', '--period', '2022-10', '--format', 'md,pdf'])).code).toBe(2);
    expect((await kpi(['report'])).code).toBe(2);
    expect((await kpi(['report', '--period', '2022-10', '--kind', 'memo'])).code).toBe(2);
  });
});
