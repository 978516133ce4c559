// @module-tag process
/**
 * Issue 12 (3): `kpi query` reaches the warehouse and nothing else. Each escape that was reproduced
 * on main — overwrite the warehouse with COPY, change another database through ATTACH, read the
 * salt, read files, install an extension, switch external access back on — is refused with a
 * clear message and exit 1, and leaves every file as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { warehouseSaltFile } from '../../core/warehouse-salt-file.ts';
import { runKpi, runKpiInProcess } from './kpi-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kpi-query-escapes-'));
const db = path.join(dir, 'kpi.duckdb');
const other = path.join(dir, 'other.duckdb');
// The warehouse's own salt, made by `kpi init` in its private state beside it.
const salt = warehouseSaltFile(db);
let SALT = '';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  expect((await runKpi(['init', '--db', db])).code).toBe(0);
  SALT = readFileSync(salt, 'utf8').trim();
  expect(SALT).toMatch(/^[0-9a-f]{64}$/);
  const instance = await DuckDBInstance.create(other);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE t AS SELECT 1 AS x');
  connection.closeSync();
  instance.closeSync();
});

const escapes: Array<[string, string]> = [
  ['COPY over the warehouse', `copy (select 1) to '${db}'`],
  ['COPY to a new file', `copy (select 1) to '${path.join(dir, 'out.csv')}'`],
  ['EXPORT DATABASE', `export database '${path.join(dir, 'dump')}'`],
  ['ATTACH another database for writing', `attach '${other}' as o (read_only false)`],
  ['read_text of the salt', `select * from read_text('${salt}')`],
  ['read_blob of the salt', `select * from read_blob('${salt}')`],
  ['read_csv of a system file', `select * from read_csv('/etc/passwd')`],
  ['glob', `select * from glob('${dir}/*')`],
  ['install httpfs', 'install httpfs'],
  ['load httpfs', 'load httpfs'],
  ['SET enable_external_access', 'set enable_external_access = true'],
  ['RESET lock_configuration', 'reset lock_configuration'],
];

describe('kpi query cannot escape the warehouse', () => {
  it.each(escapes)('refuses %s', async (_name, sql) => {
    const before = { db: sha(db), other: sha(other) };
    const result = await runKpiInProcess(['query', sql, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kpi: refused: kpi query is read-only/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout + result.stderr).not.toContain(SALT);
    expect({ db: sha(db), other: sha(other) }).toEqual(before);
    expect(existsSync(`${db}.wal`)).toBe(false);
    expect(existsSync(path.join(dir, 'out.csv'))).toBe(false);
    expect(existsSync(path.join(dir, 'dump'))).toBe(false);
  });

  it('refuses writes to the warehouse itself', async () => {
    const result = await runKpiInProcess(['query', 'delete from dim_indicator', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kpi: refused/);
  });

  it('does not read a file named as a table (no replacement scan outside the warehouse)', async () => {
    const result = await runKpiInProcess(['query', `select * from '${salt}'`, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^kpi: SQL错误 \(SQL error\): Catalog Error: Table with name .* does not exist/,
    );
    expect(result.stdout + result.stderr).not.toContain(SALT);
  });

  it('still answers ordinary queries, in the Asia/Shanghai time zone, as a real process', async () => {
    const result = await runKpi([
      'query',
      "select count(*) as n, current_setting('TimeZone') as tz from indicator",
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ n: '68', tz: 'Asia/Shanghai' }]);
    const escape = await runKpi(['query', `select * from read_text('${salt}')`, '--db', db]);
    expect(escape.code).toBe(1);
    expect(escape.stderr).not.toContain(SALT);
    expect(escape.stderr).toContain('refused');
  });
});
