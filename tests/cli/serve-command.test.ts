// @module-tag process
/**
 * `kpi serve` as a command: it listens on 127.0.0.1 (the port given, 0 for any free one), answers
 * from the warehouse named by `--db`, refuses a missing warehouse, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';

const KPI = path.resolve('cli/kpi.js');
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(process.execPath, [KPI, 'serve', ...args], { cwd: dir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** The address the server printed, once it listens. */
  const url = () =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const match = /kpi serve: (http:\/\/\S+?)\/ /.exec(stdout);
        if (match) resolve(match[1]!);
      };
      look();
      child.stdout.on('data', look);
      void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('kpi serve', () => {
  it('serves the board on 127.0.0.1 from --db and stops on SIGTERM', { timeout: 180_000 }, async () => {
    const db = path.join(dir, 'kpi.duckdb');
    await withTestWarehouse(async () => {}, db);
    const serve = start(['--db', db, '--port', '0', '--reports', path.join(dir, 'reports')]);
    const url = await serve.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${url}/indicators`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('城镇新增就业');
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  it(
    'refuses a warehouse that does not exist, and a port that is not one',
    { timeout: 180_000 },
    async () => {
      const missing = start(['--db', path.join(dir, 'absent.duckdb'), '--port', '0']);
      const badPort = start(['--db', path.join(dir, 'absent.duckdb'), '--port', 'eighty']);
      expect(await missing.exited).toBe(1);
      expect(missing.output().stderr).toContain('没有找到仓库');
      expect(await badPort.exited).toBe(2);
    },
  );
});
