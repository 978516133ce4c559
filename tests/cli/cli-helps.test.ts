// @module-tag process
/**
 * Issue 27 (5): a CLI that helps — every subcommand's help shows `--db` and `--config`, `kpi query`
 * keeps DuckDB's hints on an SQL error, and terminal tables line up with Chinese text.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth, formatRows } from '../../cli/format-rows.ts';
import { runKpiInProcess } from '../safety/kpi-process.ts';

const SUBCOMMANDS = [
  ['init'],
  ['ingest'],
  ['run'],
  ['report'],
  ['check'],
  ['query'],
  ['export'],
  ['schedule'],
  ['demo'],
  ['catalogue'],
  ['targets', 'load'],
  ['serve'],
  ['alerts', 'test'],
];

describe('kpi help', () => {
  it.each(SUBCOMMANDS)('%s --help shows --db and --config', async (...command) => {
    const result = await runKpiInProcess([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+--db <path>\s+warehouse file/m);
    expect(result.stdout).toMatch(/^\s+--config <path>\s+config file/m);
  });
});

describe('kpi query on an SQL error', () => {
  it('keeps DuckDB\'s hint lines: "Did you mean", the candidates and the caret', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'kpi-query-hint-')), 'kpi.duckdb');
    expect((await runKpiInProcess(['init', '--db', db])).code).toBe(0);
    const table = await runKpiInProcess(['query', 'select * from regoin', '--db', db]);
    expect(table.code).toBe(1);
    expect(table.stderr).toContain('Did you mean "region"?');
    expect(table.stderr).toContain('LINE 1: select * from regoin');
    const column = await runKpiInProcess(['query', 'select regon_code from region', '--db', db]);
    expect(column.stderr).toMatch(/Candidate bindings: .*"region_code"/);
  }, 120_000);
});

describe('terminal tables', () => {
  it('line up columns holding Chinese, full-width punctuation and ASCII', () => {
    const text = formatRows(
      ['地区', 'name', '完成率（%）'],
      [
        { 地区: '市南区', name: 'Shinan', '完成率（%）': '107.5' },
        { 地区: '黄岛区（西海岸新区）', name: 'Huangdao', '完成率（%）': '93' },
        { 地区: 'city', name: '青岛', '完成率（%）': '' },
      ],
      'table',
    );
    const lines = text.trimEnd().split('\n').slice(0, -1);
    // Every column starts at the same display column on every line.
    const starts = (line: string) => {
      const cols: number[] = [];
      let width = 0;
      let gap = 0;
      for (const ch of line) {
        if (ch === ' ') gap++;
        else {
          if (gap >= 2 || cols.length === 0) cols.push(width);
          gap = 0;
        }
        width += displayWidth(ch);
      }
      return cols;
    };
    expect(displayWidth(lines[1]!)).toBe(
      displayWidth('黄岛区（西海岸新区）') + 2 + 8 + 2 + displayWidth('完成率（%）'),
    );
    const header = starts(lines[0]!);
    for (const line of [lines[2]!, lines[3]!]) expect(starts(line).slice(0, 2)).toEqual(header.slice(0, 2));
    // Numbers align right under their header.
    expect(lines.slice(2, 4).map((l) => displayWidth(l))).toEqual([
      displayWidth(lines[1]!),
      displayWidth(lines[1]!),
    ]);
  });
});
