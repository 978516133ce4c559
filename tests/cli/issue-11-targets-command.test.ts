// @module-tag process
/**
 * Issue 11: targets are data that stay in the warehouse — `kpi targets load`, `kpi catalogue
 * --targets` with issuer and due month, `kpi init` without a config never drops them, and the
 * config beside the warehouse is found when `--config` is not given.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const KPI = path.resolve('cli/kpi.js');

async function kpi(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KPI, ...args], {
      env: { ...process.env, KPI_DB: '' },
      cwd: tmpdir(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const districtTargets = {
  targets: [
    {
      indicator: '城镇新增就业',
      region: '市南区',
      start_year: 2022,
      end_year: 2022,
      basis: 'annual',
      value: '3.2万',
      source: '任务分解 2022',
    },
  ],
};

const provinceAssignment = {
  targets: [
    {
      indicator: '城镇新增就业',
      region: '青岛市',
      start_year: 2022,
      end_year: 2022,
      basis: 'annual',
      issuer: '省下达',
      value: '32万',
      source: '山东省下达2022年就业目标任务',
    },
    {
      indicator: '城乡公益性岗位创设数',
      region: '青岛市',
      start_year: 2022,
      end_year: 2022,
      basis: 'annual',
      issuer: '省下达',
      due: '2022-06',
      value: '3.5万',
      source: '山东省下达2022年城乡公益性岗位任务（6月底前）',
    },
  ],
};

// Each test runs several `kpi` processes; on a busy machine one can take ten seconds.
describe('issue 11: targets stay in the warehouse', { timeout: 240_000 }, () => {
  it('finds the config beside the warehouse, and kpi init without it keeps the loaded district targets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-targets-'));
    const db = path.join(dir, 'kpi.duckdb');
    writeFileSync(path.join(dir, 'district-targets.json'), JSON.stringify(districtTargets));
    writeFileSync(
      path.join(dir, 'kpi.config.json'),
      JSON.stringify({ target_files: ['district-targets.json'] }),
    );
    const count = `select count(*)::int as n from target where region_code = '370202'`;

    // Run from another folder: the config is the one beside the warehouse.
    expect((await kpi(['init', '--db', db])).code).toBe(0);
    expect(JSON.parse((await kpi(['query', count, '--db', db, '--format', 'json'])).stdout)).toEqual([
      { n: 1 },
    ]);

    renameSync(path.join(dir, 'kpi.config.json'), path.join(dir, 'old.config.json'));
    expect((await kpi(['init', '--db', db])).code).toBe(0);
    expect(JSON.parse((await kpi(['query', count, '--db', db, '--format', 'json'])).stdout)).toEqual([
      { n: 1 },
    ]);
  });

  it('loads a 省下达 target beside the 市定 one and lists both with issuer and due month', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-targets-'));
    const db = path.join(dir, 'kpi.duckdb');
    const file = path.join(dir, 'province.json');
    writeFileSync(file, JSON.stringify(provinceAssignment));
    const load = await kpi(['targets', 'load', file, '--db', db]);
    expect(load.stdout).toContain('2 added, 0 replaced');
    expect((await kpi(['targets', 'load', file, '--db', db])).stdout).toContain(
      '0 added, 0 replaced, 2 unchanged',
    );

    const listed = JSON.parse(
      (await kpi(['catalogue', '--targets', '--db', db, '--format', 'json'])).stdout,
    ) as Array<Record<string, string>>;
    const jobs2022 = listed
      .filter((t) => t.indicator === '城镇新增就业' && t.region === '青岛市' && t.years === '2022')
      .map((t) => ({ issuer: t.issuer, due: t.due, target: t.target }));
    expect(jobs2022).toEqual([
      { issuer: '市定', due: '2022-12', target: '350000' },
      { issuer: '省下达', due: '2022-12', target: '320000' },
    ]);
    expect(
      listed.find(
        (t) => t.indicator === '城乡公益性岗位创设数' && t.region === '青岛市' && t.issuer === '省下达',
      ),
    ).toMatchObject({ due: '2022-06', target: '35000' });
    expect(listed.find((t) => t.indicator === '金牌劳动人事争议调解组织数')).toMatchObject({
      approximate: '约数',
    });

    // A bad file loads nothing and says why.
    writeFileSync(
      file,
      JSON.stringify({ targets: [{ ...provinceAssignment.targets[0], indicator: '不存在的指标' }] }),
    );
    const bad = await kpi(['targets', 'load', file, '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown indicator "不存在的指标"');
  });
});
