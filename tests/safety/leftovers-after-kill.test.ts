// @module-tag process
/**
 * Issue 27 (4): `kill -9` of an ingest while an export's transcoded copy (names and IDs in clear) is
 * on disk leaves it only owner-only (0600) in an owner-only folder (0700); the next writing command
 * sweeps it and replaces the working copy the killed one left (the warehouse's data, no ID in clear).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { privateTempRoot } from '../../core/private-temp.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from '../sources/system-export/export-fixtures.ts';
import { exited, runKpi, startKpi } from './kpi-process.ts';

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** The folders between `dir` (excluded) and `file`. */
function foldersBetween(dir: string, file: string): string[] {
  const folders: string[] = [];
  for (let at = path.dirname(file); at !== dir && at.startsWith(dir); at = path.dirname(at)) folders.push(at);
  return folders;
}

describe('kill -9 while an export is transcoded', () => {
  it('leaves no ID in clear outside an owner-only folder, and the next command sweeps it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-kill-'));
    const source = mkdtempSync(path.join(tmpdir(), 'kpi-kill-source-'));
    const db = path.join(dir, 'kpi.duckdb');
    expect((await runKpi(['init', '--db', db], { cwd: dir })).code).toBe(0);
    const id = personId(1);
    const rows = Array.from(
      { length: 600_000 },
      (_, i) => `${i + 1},张三${i},${personId((i % 999) + 1)},男,2022-01-08,城镇新增就业,市南区人社局,370202`,
    );
    const file = path.join(source, '就业登记明细2022-01.csv');
    writeCsv(file, [REGISTRATION_HEADER, ...rows], 'gbk');

    const temp = privateTempRoot(db);
    const ingest = startKpi(['ingest', file, '--db', db], { cwd: dir });
    const transcoded = await new Promise<string | null>((resolve) => {
      const poll = setInterval(() => {
        const found = existsSync(temp) ? filesUnder(temp).find((f) => f.endsWith('utf8.csv')) : undefined;
        if (found && statSync(found).size > 0) {
          clearInterval(poll);
          ingest.kill('SIGKILL');
          resolve(found);
        }
      }, 2);
      ingest.on('exit', () => {
        clearInterval(poll);
        resolve(null);
      });
    });
    expect(await exited(ingest)).toBe('SIGKILL');
    expect(transcoded).not.toBeNull();

    // What a `find` over the deployment shows: IDs in clear only in 0600 files within a 0700 folder.
    const holding = filesUnder(dir).filter((f) => readFileSync(f).includes(id));
    expect(holding).toContain(transcoded);
    for (const f of holding) {
      expect(statSync(f).mode & 0o777, f).toBe(0o600);
      expect(
        foldersBetween(dir, f).some((folder) => (statSync(folder).mode & 0o777) === 0o700),
        f,
      ).toBe(true);
    }

    // The next command that writes sweeps what the killed one left.
    mkdirSync(path.join(dir, 'empty'));
    expect((await runKpi(['ingest', path.join(dir, 'empty'), '--db', db], { cwd: dir })).code).toBe(0);
    expect(filesUnder(dir).filter((f) => readFileSync(f).includes(id))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.work'))).toEqual([]);
  }, 300_000);
});
