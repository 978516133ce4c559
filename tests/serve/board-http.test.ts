/**
 * `kpi serve` over HTTP: a publish during a session (a rename over the file, as the nightly run
 * does) is picked up by the next request, nothing can be written through the board, and unknown
 * paths, traversal attempts and any method but GET are refused.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEZONE } from '../../core/config.ts';
import { publishWarehouse, workingCopyPath } from '../../pipelines/publish-warehouse.ts';
import { startBoardServer, type BoardServer } from '../../serve/start-board-server.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';

let dir: string;
let db: string;
let reports: string;
let board: BoardServer;
const logged: string[] = [];

/** Build a warehouse at `file` holding one completed run and the city's 1-10月 城镇新增就业. */
async function buildVersion(file: string, runId: string, ytd: number): Promise<void> {
  await withTestWarehouse(async (w) => {
    await w.facts([
      { indicator: '城镇新增就业', region: '370200', month: '2022-10', measure: 'ytd', value: ytd },
    ]);
    await w.connection.run(
      `INSERT INTO load_run (run_id, command, started_at, finished_at, status, files_seen, files_loaded, files_rejected)
       VALUES ($1, 'run', TIMESTAMPTZ '2022-11-03 22:00:00+08', TIMESTAMPTZ '2022-11-03 22:01:00+08', 'completed', 1, 1, 0)`,
      [runId],
    );
  }, file);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const get = (p: string, init?: RequestInit) => fetch(`${board.url}${p}`, { redirect: 'manual', ...init });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kpi-serve-http-'));
  db = path.join(dir, 'kpi.duckdb');
  reports = path.join(dir, 'reports');
  mkdirSync(reports);
  writeFileSync(path.join(reports, 'bulletin-2022-10.md'), '# 2022年10月通报\n');
  writeFileSync(path.join(reports, 'bulletin-2022-10.html'), '<!doctype html><p>2022年10月通报</p>');
  writeFileSync(path.join(dir, 'secret.txt'), 'not a report');
  await buildVersion(db, 'run-one', 312000);
  board = await startBoardServer({
    db,
    timezone: DEFAULT_TIMEZONE,
    reports,
    host: '127.0.0.1',
    port: 0,
    log: (l) => logged.push(l),
  });
});

afterAll(async () => {
  await board?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kpi serve over HTTP', () => {
  it('listens on 127.0.0.1 and shows the warehouse version in the header', async () => {
    expect(board.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await (await get('/')).text();
    expect(page).toContain('data-run="run-one"');
    expect(page).toContain('完成于 2022-11-03 22:01');
    expect(page).toContain('已完成');
  });

  it('picks up a publish made while the session is open, and leaves no handle on the old file', async () => {
    const before = await (await get('/indicators/urban_new_jobs')).text();
    expect(before).toContain('data-run="run-one"');
    expect(before).toMatch(/data-region="370200"[\s\S]*?>\s*31\.20\s*</);

    // The nightly run builds in the working copy and renames it over the published file.
    const work = workingCopyPath(db);
    await buildVersion(work, 'run-two', 350000);
    publishWarehouse(work, db);

    const after = await (await get('/indicators/urban_new_jobs')).text();
    expect(after).toContain('data-run="run-two"');
    expect(after).toMatch(/data-region="370200"[\s\S]*?>\s*35\.00\s*</);
    expect(await (await get('/')).text()).toContain('data-run="run-two"');
  });

  it('writes nothing: every method but GET is refused and the file keeps its bytes', async () => {
    const hash = sha256(db);
    const mtime = statSync(db).mtimeMs;
    for (const p of [
      '/',
      '/progress',
      '/indicators/urban_new_jobs',
      '/findings',
      '/bulletins/files/bulletin-2022-10.md',
    ])
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const response = await get(p, { method, body: method === 'DELETE' ? undefined : 'select 1' });
        expect([404, 405], `${method} ${p}`).toContain(response.status);
      }
    // Query strings are matched against fixed patterns and bound as parameters, never run as SQL.
    for (const p of [
      "/findings?rule=x'%20or%201=1;--",
      '/findings?region=370200;drop%20table%20fact_value',
      "/progress?category=';copy%20(select%201)%20to%20'/tmp/x.csv'",
      '/indicators/urban_new_jobs?month=2022-10%27',
    ])
      expect((await get(p)).status, p).toBe(200);
    for (const p of ['/', '/progress', '/indicators', '/findings', '/bulletins'])
      expect((await get(p)).status).toBe(200);
    expect(sha256(db)).toBe(hash);
    expect(statSync(db).mtimeMs).toBe(mtime);
    expect(logged).toEqual([]);
  });

  it('answers 404 to unknown paths and to every path traversal', async () => {
    for (const p of [
      '/nope',
      '/submissions/370202',
      '/submissions/370299/2022-10',
      '/indicators/no_such_indicator',
      '/bulletins/2031-01',
      '/bulletins/files/secret.txt',
      '/bulletins/files/..%2Fsecret.txt',
      '/bulletins/files/..%2F..%2F..%2Fetc%2Fpasswd',
      '/bulletins/files/%2e%2e%2fkpi.duckdb',
      '/bulletins/files/../kpi.duckdb',
      '/bulletins/../kpi.duckdb',
      '/../../etc/passwd',
      '/kpi.duckdb',
      '/bulletins/files/bulletin-2022-10.md%00.html',
    ]) {
      const response = await get(p);
      expect(response.status, p).toBe(404);
      expect(await response.text()).not.toContain('not a report');
    }
  });

  it('serves the reports found in the reports folder, as downloads or shown in the page', async () => {
    const md = await get('/bulletins/files/bulletin-2022-10.md');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toContain('attachment');
    expect(await md.text()).toBe('# 2022年10月通报\n');
    const shown = await get('/bulletins/files/bulletin-2022-10.html?inline=1');
    expect(shown.headers.get('content-security-policy')).toContain('sandbox');
    expect(shown.headers.get('content-disposition')).toBeNull();
    const list = await (await get('/bulletins')).text();
    expect(list).toContain('href="/bulletins/files/bulletin-2022-10.md"');
    expect(list).toContain('href="/bulletins/files/bulletin-2022-10.html"');
    expect(list).not.toContain('secret');
  });
});
