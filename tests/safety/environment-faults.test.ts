// @module-tag process
/**
 * Issue 27 (2): each fault of the environment ends a real `kpi` process with one Chinese line on
 * stderr, exit 1 and no stack trace (the English detail only with `--debug`), and leaves no working
 * copy behind.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock } from '../../pipelines/run-lock.ts';
import { runKpi } from './kpi-process.ts';

const folder = () => mkdtempSync(path.join(tmpdir(), 'kpi-env-'));

/** One line, Chinese, `kpi: ` first, no stack. */
function oneChineseLine(stderr: string) {
  expect(stderr).toMatch(/^kpi: [^\n]*[\u4e00-\u9fff][^\n]*\n$/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a config that cannot be used', () => {
  it('with a syntax error says where the file is and that it is not JSON', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'kpi.config.json'), '{ "db": "kpi.duckdb", }');
    const result = await runKpi(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    oneChineseLine(result.stderr);
    expect(result.stderr).toContain(`配置文件 ${path.join(dir, 'kpi.config.json')} 不是有效的JSON`);
  });

  it('with an unknown key, and a bad value beside it, names both', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'kpi.config.json'), JSON.stringify({ deadlin_day: 5, deadline_day: 40 }));
    const result = await runKpi(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    oneChineseLine(result.stderr);
    expect(result.stderr).toContain('未知的设置项 deadlin_day');
    expect(result.stderr).toContain('deadline_day：不能大于 28');
  });

  it('with a bad cron expression is refused when read, not only by kpi schedule', async () => {
    const dir = folder();
    writeFileSync(
      path.join(dir, 'kpi.config.json'),
      JSON.stringify({ schedules: { nightly: '0 25 * * *' } }),
    );
    const result = await runKpi(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    oneChineseLine(result.stderr);
    expect(result.stderr).toContain('schedules.nightly：不是有效的cron表达式');
  });

  it('with an alert webhook that is no URL', async () => {
    const dir = folder();
    writeFileSync(
      path.join(dir, 'kpi.config.json'),
      JSON.stringify({ alerts: { webhooks: [{ kind: 'wecom', url: 'qyapi key=abc' }] } }),
    );
    const result = await runKpi(['alerts', 'test'], { cwd: dir });
    expect(result.code).toBe(1);
    oneChineseLine(result.stderr);
    expect(result.stderr).toContain('alerts.webhooks.0.url：格式不对');
  });
});

describe('a warehouse that is not DuckDB', () => {
  it('is named as the file given, for init, check, ingest, run and query, and no copy of it is left', async () => {
    const dir = folder();
    const db = path.join(dir, 'kpi.duckdb');
    writeFileSync(db, 'PK\u0003\u0004 this is a zip, not a warehouse');
    writeFileSync(path.join(dir, 'x.csv'), 'a,b\n1,2\n');
    for (const args of [['init'], ['check'], ['ingest', 'x.csv'], ['run'], ['query', 'select 1']]) {
      const result = await runKpi([...args, '--db', db], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(1);
      oneChineseLine(result.stderr);
      expect(result.stderr).toContain(`${db} 不是DuckDB仓库文件`);
      expect(result.stderr).not.toContain('.work');
    }
    expect(readdirSync(dir).filter((f) => f.includes('.work'))).toEqual([]);
    const debug = await runKpi(['check', '--db', db, '--debug'], { cwd: dir });
    expect(debug.stderr).toContain('NotAWarehouseError');
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('a missing warehouse', () => {
  it('says where one is likely: the demo warehouse under the working folder', async () => {
    const dir = folder();
    expect((await runKpi(['init', '--db', path.join('demo', 'kpi.duckdb')], { cwd: dir })).code).toBe(0);
    const result = await runKpi(['query', 'select 1'], { cwd: dir });
    expect(result.code).toBe(1);
    oneChineseLine(result.stderr);
    expect(result.stderr).toBe(
      `kpi: 没有找到仓库 ${path.join(dir, 'kpi.duckdb')}：先运行 kpi init 创建它，或用 --db 指定已有的仓库（这里有：${path.join(dir, 'demo', 'kpi.duckdb')}）\n`,
    );
  });
});

describe('a lock held by a run', () => {
  it('refuses an ingest in one line, and under --json prints a JSON error object', async () => {
    const dir = folder();
    const db = path.join(dir, 'kpi.duckdb');
    expect((await runKpi(['init', '--db', db], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'x.csv'), 'a,b\n1,2\n');
    const lock = await acquireRunLock(db, new Date(), 'run');
    try {
      const text = await runKpi(['ingest', 'x.csv', '--db', db], { cwd: dir });
      expect(text.code).toBe(1);
      oneChineseLine(text.stderr);
      expect(text.stderr).toContain(`另一个运行正在进行（pid ${process.pid}，kpi run，`);
      const json = await runKpi(['ingest', 'x.csv', '--json', '--db', db], { cwd: dir });
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        error: {
          code: 'run_locked',
          message: expect.stringContaining('另一个运行正在进行'),
          detail: expect.stringMatching(/^RunLockedError: /),
        },
      });
    } finally {
      lock.release();
    }
  });
});

describe('a read-only folder', () => {
  const canMount = !process.env.CI && process.getuid?.() === 0;
  it.skipIf(!canMount)('says the folder is read-only, in Chinese', async () => {
    const dir = folder();
    const mounted = path.join(dir, 'ro');
    mkdirSync(mounted);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,ro', 'tmpfs', mounted], { stdio: 'ignore' });
    } catch {
      console.warn('read-only folder test skipped: mounting a tmpfs is not allowed here');
      return;
    }
    try {
      const result = await runKpi(['init', '--db', path.join(mounted, 'kpi.duckdb')], { cwd: dir });
      expect(result.code).toBe(1);
      oneChineseLine(result.stderr);
      expect(result.stderr).toContain(`${mounted}：只读文件系统，无法写入`);
      expect(existsSync(path.join(mounted, 'kpi.duckdb'))).toBe(false);
    } finally {
      execFileSync('umount', [mounted]);
    }
  });
});
