// @module-tag process
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const KPI = path.resolve('cli/kpi.js');

async function kpi(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KPI, ...args], {
      env: { ...process.env, ...env },
      cwd: tmpdir(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kpi CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-cli-'));
  const db = path.join(dir, 'w.duckdb');

  it('initialises a warehouse that answers SQL from outside', async () => {
    const init = await kpi(['init', '--db', db]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('68 indicators');
    expect((await kpi(['init', '--db', db])).stdout).toContain('up to date');

    const json = await kpi([
      'query',
      "select name_zh, kind from indicator where indicator_code = 'urban_new_jobs'",
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([{ name_zh: '城镇新增就业', kind: 'flow' }]);

    const csv = await kpi(
      [
        'query',
        "select target_value from target where indicator_code = 'urban_new_jobs' order by start_year, region_code",
        '--format',
        'csv',
      ],
      { KPI_DB: db },
    );
    expect(csv.stdout).toBe('\ufefftarget_value\r\n1050000.000000\r\n1100000.000000\r\n350000.000000\r\n');
  });

  it('refuses writes through query and reports SQL errors with exit 1', async () => {
    const write = await kpi(['query', 'delete from dim_indicator', '--db', db]);
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/read-only/i);
    const bad = await kpi(['query', 'select * from no_such_view', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no_such_view');
  });

  it('exits 2 on usage errors and 1 on a missing warehouse', async () => {
    expect((await kpi(['no-such-command'])).code).toBe(2);
    expect((await kpi(['query'])).code).toBe(2);
    const missing = await kpi(['query', 'select 1', '--db', path.join(dir, 'absent.duckdb')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('kpi init');
  });

  it('reports every problem of an invalid config', async () => {
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ deadline_day: 40, tolerances: { month_over_month_pct: -1 } }));
    const result = await kpi(['init', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('deadline_day');
    expect(result.stderr).toContain('tolerances.month_over_month_pct');
  });

  it('lists the catalogue and its targets', async () => {
    const list = await kpi(['catalogue', '--targets', '--format', 'json']);
    const rows = JSON.parse(list.stdout) as Array<{
      indicator: string;
      region: string;
      years: string;
      target: string;
    }>;
    expect(rows).toContainEqual(
      expect.objectContaining({
        indicator: '城镇新增就业',
        region: '青岛市',
        years: '2021–2023',
        target: '1050000',
      }),
    );
  });
});
