// @module-tag process
/**
 * Issue 22: one salt per warehouse, in its private state beside it. October ingested from one
 * directory and November from another count a person once; a warehouse that lost its salt refuses
 * to count persons rather than making a new one; a warehouse made with the old working-directory
 * salt adopts it once. Real `kpi` processes, each with its own working directory.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from '../sources/system-export/export-fixtures.ts';
import { runKpi } from './kpi-process.ts';

const root = mkdtempSync(path.join(tmpdir(), 'kpi-salt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Two folders to run from, a folder of exports and a warehouse folder, under `name`. */
function setting(name: string) {
  const base = path.join(root, name);
  const [a, b, files, house] = ['a', 'b', 'files', 'house'].map((d) => path.join(base, d));
  for (const dir of [a, b, files, house]) mkdirSync(dir!, { recursive: true });
  const registrations = (month: string, persons: number[]) => {
    const file = path.join(files!, `就业登记明细2026${month}.csv`);
    writeCsv(
      file,
      [
        REGISTRATION_HEADER,
        ...persons.map(
          (p, i) =>
            `${i + 1},人员${p},${personId(p)},男,2026-${month}-0${i + 1},城镇新增就业,市南区人社局,370202`,
        ),
      ],
      'gbk',
    );
    return file;
  };
  return {
    a: a!,
    b: b!,
    db: path.join(house!, 'kpi.duckdb'),
    salt: path.join(house!, '.kpi.duckdb.private', 'salt'),
    // October: persons 1 and 2. November: person 1 again and nobody new. December: person 3.
    october: registrations('10', [1, 2]),
    november: registrations('11', [1]),
    december: registrations('12', [3]),
  };
}

const ingest = async (file: string, db: string, cwd: string, ...extra: string[]) => {
  const result = await runKpi(['ingest', file, '--db', db, '--json', ...extra], { cwd });
  const outcomes = result.stdout
    ? (JSON.parse(result.stdout) as { status: string; errors: { code: string; message: string }[] }[])
    : [];
  return { ...result, outcome: outcomes[0] };
};

/** Persons counted for 城镇新增就业 in 市南区 by month of 2026, and the hashes kept. */
async function counted(db: string) {
  return withWarehouse(db, { readOnly: true }, async ({ connection }) => {
    const all = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    const months = await all(
      `SELECT strftime(period, '%m') AS m, month_value FROM observation
       WHERE indicator_code = 'urban_new_jobs' AND region_code = '370202' ORDER BY period`,
    );
    const [persons] = await all(`SELECT count(DISTINCT person_hash)::INTEGER AS n FROM person_seen`);
    return { months, persons: persons!.n };
  });
}

describe('issue 22: one salt per warehouse', () => {
  it('counts a person once when October and November are ingested from different directories', async () => {
    const s = setting('two-directories');
    const october = await ingest(s.october, s.db, s.a);
    expect(october.outcome?.status, october.stderr).toBe('loaded');
    const november = await ingest(s.november, s.db, s.b);
    expect(november.outcome?.status, november.stderr).toBe('loaded');
    expect(november.stderr).toBe('');

    expect(await counted(s.db)).toEqual({
      months: [
        { m: '10', month_value: '2.000000' },
        { m: '11', month_value: '0.000000' },
      ],
      persons: 2,
    });
    // The salt is the warehouse's, beside it and private; none was left in either working directory.
    expect(statSync(s.salt).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(s.salt)).mode & 0o777).toBe(0o700);
    expect(readFileSync(s.salt, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path.join(s.a, '.kpi'))).toBe(false);
    expect(existsSync(path.join(s.b, '.kpi'))).toBe(false);
  }, 120_000);

  it('makes the salt with the warehouse in kpi init, from any directory', async () => {
    const s = setting('init');
    const init = await runKpi(['init', '--db', s.db], { cwd: s.a });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(`salt: ${s.salt}（随仓库新建）`);
    const salt = readFileSync(s.salt, 'utf8');
    expect((await runKpi(['init', '--db', s.db], { cwd: s.b })).stdout).toContain('（已有）');
    expect(readFileSync(s.salt, 'utf8')).toBe(salt);
    expect(existsSync(path.join(s.a, '.kpi'))).toBe(false);
  }, 120_000);

  it('refuses to count persons in a warehouse that lost its salt, and makes no new one', async () => {
    const s = setting('lost');
    expect((await ingest(s.october, s.db, s.a)).outcome?.status).toBe('loaded');
    renameSync(s.salt, path.join(root, 'lost', 'salt-kept-aside'));

    const refused = await ingest(s.december, s.db, s.b);
    expect(refused.code).toBe(1);
    expect(refused.outcome?.status).toBe('rejected');
    expect(refused.outcome?.errors.map((e) => e.code)).toEqual(['unusable_salt']);
    expect(refused.outcome?.errors[0]?.message).toBe(
      `仓库已按公民身份号码计数过人员，但找不到它的盐值文件（${s.salt}）：为免同一人被重复计数，不新建盐值，本文件未读入。请把原盐值文件放回该位置（或在配置的salt_file中指明其位置）后重新导入`,
    );
    expect(refused.stderr).toContain(`找不到它的盐值文件 ${s.salt}`);
    expect(existsSync(s.salt)).toBe(false);
    expect(existsSync(path.join(s.b, '.kpi'))).toBe(false);
    // Nothing of December was loaded: October's two persons only.
    expect(await counted(s.db)).toEqual({ months: [{ m: '10', month_value: '2.000000' }], persons: 2 });

    // Another warehouse's salt in its place is recognised by the fingerprint the warehouse keeps, and not used.
    writeFileSync(s.salt, 'f'.repeat(64) + '\n', { mode: 0o600 });
    const foreign = await ingest(s.december, s.db, s.b);
    expect(foreign.outcome?.status).toBe('rejected');
    expect(foreign.outcome?.errors[0]?.message).toBe(
      `盐值文件（${s.salt}）不是本仓库计数人员时所用的盐值：用它会把已计数的人再计一次，本文件未读入。请换回本仓库原来的盐值文件后重新导入`,
    );
    expect((await counted(s.db)).persons).toBe(2);

    // With the salt back in place, December loads and its person is new.
    rmSync(s.salt);
    renameSync(path.join(root, 'lost', 'salt-kept-aside'), s.salt);
    expect((await ingest(s.december, s.db, s.b)).outcome?.status).toBe('loaded');
    expect((await counted(s.db)).persons).toBe(3);
  }, 120_000);

  it('adopts the working-directory salt of a warehouse made before, once, and says so', async () => {
    const s = setting('legacy');
    // Before: the salt was `.kpi/salt` under the working directory (here named, as the old default was).
    const old = path.join(s.a, 'old.config.json');
    writeFileSync(old, JSON.stringify({ salt_file: '.kpi/salt' }));
    expect((await ingest(s.october, s.db, s.a, '--config', old)).outcome?.status).toBe('loaded');
    const legacy = path.join(s.a, '.kpi', 'salt');
    const legacySalt = readFileSync(legacy, 'utf8');
    expect(existsSync(s.salt)).toBe(false);

    const november = await ingest(s.november, s.db, s.a);
    expect(november.outcome?.status).toBe('loaded');
    expect(november.stderr).toBe(
      `kpi: 本仓库此前按工作目录中的盐值文件 ${legacy} 计数人员，已将其复制为仓库自己的盐值文件 ${s.salt}；此后在任何目录运行都使用这一份。原文件保留未动，确认没有其他仓库使用后可删除。\n`,
    );
    expect(readFileSync(s.salt, 'utf8')).toBe(legacySalt);
    expect(statSync(s.salt).mode & 0o777).toBe(0o600);
    expect(readFileSync(legacy, 'utf8')).toBe(legacySalt);

    // From then on any directory counts with it: person 1 in November was not counted again.
    const december = await ingest(s.december, s.db, s.b);
    expect(december.outcome?.status).toBe('loaded');
    expect(december.stderr).toBe('');
    expect(await counted(s.db)).toEqual({
      months: [
        { m: '10', month_value: '2.000000' },
        { m: '11', month_value: '0.000000' },
        { m: '12', month_value: '1.000000' },
      ],
      persons: 3,
    });
  }, 120_000);

  it('loads what counts nobody when the salt file cannot be made, and refuses what counts persons', async () => {
    const s = setting('unmakeable');
    // A salt_file whose folder is a file: it can be neither read nor made, even by root.
    const blocker = path.join(s.a, 'not-a-folder');
    writeFileSync(blocker, '');
    const config = path.join(s.a, 'kpi.config.json');
    writeFileSync(config, JSON.stringify({ salt_file: 'not-a-folder/salt' }));
    const insured = path.join(path.dirname(s.october), '参保人数月报202610.csv');
    writeCsv(
      insured,
      ['行政区划代码,统计年月,险种,参保人数,缴费人数', '370202,202610,失业保险,1000,900'],
      'utf8',
    );

    const aggregated = await ingest(insured, s.db, s.a);
    expect(aggregated.outcome?.status, aggregated.stderr).toBe('loaded');
    expect(aggregated.stderr).toContain(`kpi: 盐值文件 ${path.join(blocker, 'salt')} 无法读取或建立（`);
    const persons = await ingest(s.october, s.db, s.a);
    expect(persons.outcome?.status).toBe('rejected');
    expect(await counted(s.db)).toEqual({ months: [], persons: 0 });
  }, 120_000);
});
