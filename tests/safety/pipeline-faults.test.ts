// @module-tag process
/**
 * Issue 12 (2, 4–7) with real files and real `kpi` processes: what districts, systems and broken
 * folders really send goes through `kpi run` without stopping the night or leaking an ID; a run
 * killed with SIGKILL in the middle of its ingest leaves nothing behind that the next one does not
 * sweep; an ingest racing a run is refused, never lost; unwritable folders fail the run in one line.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { privateTempRoot } from '../../core/private-temp.ts';
import type { FileOutcome } from '../../core/file-outcome.ts';
import { writeTempSample } from '../sources/district-return/ingest-context.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from '../sources/system-export/export-fixtures.ts';
import { farCellWorkbook } from './hostile-workbooks.ts';
import { exited, runKpi, startKpi } from './kpi-process.ts';

let sample: Awaited<ReturnType<typeof writeTempSample>>;

beforeAll(async () => {
  sample = await writeTempSample(await loadCatalogue(), {
    months: [1, 2],
    districts: ['370202'],
    baseline: false,
    broken: false,
  });
});
afterAll(() => sample.cleanup());

/** A deployment folder with its config; the inbox starts empty. */
function deployment() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-faults-'));
  const config = path.join(dir, 'kpi.config.json');
  writeFileSync(config, JSON.stringify({ target_files: [sample.targetsFile] }));
  mkdirSync(path.join(dir, 'inbox'));
  const put = (file: string, name = path.basename(file)) => copyFileSync(file, path.join(dir, 'inbox', name));
  const kpi = (...args: string[]) => runKpi([...args, '--config', config], { cwd: dir });
  return { dir, config, put, kpi };
}

/** Every file under `dir`, relative. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * The 就业登记系统 export the issue found leaking: 21,000 registrations, and one whose 姓名 holds two
 * unquoted commas, so its 公民身份号码 lands in 登记日期 and is quoted by the date finding.
 */
function shiftedRegistrations(file: string): string {
  const rows = Array.from(
    { length: 21_000 },
    (_, i) => `${i + 1},张三${i},${personId((i % 999) + 1)},男,2022-01-08,城镇新增就业,市南区人社局,370202`,
  );
  rows.push(`21001,王,小,明,${SHIFTED_ID},男,2022-01-09,城镇新增就业,市南区人社局,370202`);
  writeCsv(file, [REGISTRATION_HEADER, ...rows], 'gbk');
  return file;
}
const SHIFTED_ID = personId(777);
const WRITE_IN_PLACE = path.resolve('tests/safety/fixtures/write-in-place-and-die.ts');

describe('kpi run on what really arrives', () => {
  it('rejects hostile, hidden, long-named and shifted files with reasons, masks IDs, keeps files owner-only', async () => {
    const d = deployment();
    const scratch = mkdtempSync(path.join(tmpdir(), 'kpi-faults-files-'));
    const good = sample.returns.find((r) => r.month === 1)!.file;
    d.put(good, `2022年1月_市南区_人社重点指标完成情况_${'修订稿'.repeat(21)}.xlsx`);
    d.put(farCellWorkbook(scratch));
    d.put(shiftedRegistrations(path.join(scratch, '就业登记明细202201.csv')));
    writeFileSync(path.join(d.dir, 'inbox', '.说明.txt'), 'hidden notes');
    writeFileSync(path.join(d.dir, 'inbox', `${'说明'.repeat(41)}.txt`), 'a note with a 250-byte name');

    const started = Date.now();
    const run = await d.kpi('run');
    const seconds = (Date.now() - started) / 1000;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(seconds).toBeLessThan(30);
    expect(tree(path.join(d.dir, 'inbox'))).toEqual([]);

    const rejected = tree(path.join(d.dir, 'rejected'));
    const archived = tree(path.join(d.dir, 'archive'));
    expect(rejected).toContain('.说明.txt');
    expect(rejected).toContain('.说明.txt.errors.txt');
    expect(rejected).toContain('2022年10月_市南区_far-cell.xlsx');
    expect(rejected).toContain('就业登记明细202201.csv.errors.json');
    expect(rejected.some((f) => /^[说明]+~[0-9a-f]{10}\.txt\.errors\.json$/.test(f))).toBe(true);
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatch(
      /^2022-01\/[0-9a-f]{12}_2022年1月_市南区_人社重点指标完成情况_[修订稿]+~[0-9a-f]{10}\.xlsx$/,
    );
    for (const file of [
      ...archived.map((f) => path.join(d.dir, 'archive', f)),
      ...rejected.map((f) => path.join(d.dir, 'rejected', f)),
    ]) {
      expect(Buffer.byteLength(path.basename(file))).toBeLessThanOrEqual(255);
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    }
    expect(
      readFileSync(path.join(d.dir, 'rejected', '2022年10月_市南区_far-cell.xlsx.errors.txt'), 'utf8'),
    ).toMatch(/workbook_too_large.*实际行数 1048576，上限 5000/);

    // The shifted row is named by its number and never quoted (its text stays inside SQL); its ID is
    // nowhere in clear: reports, findings, output.
    const errorsJson = readFileSync(
      path.join(d.dir, 'rejected', '就业登记明细202201.csv.errors.json'),
      'utf8',
    );
    expect(errorsJson).toContain('"code": "malformed_rows"');
    expect(errorsJson).toContain('"row": "21002"');
    const [findings, quality] = await Promise.all([
      d.kpi('query', 'select message from finding', '--format', 'json'),
      d.kpi('query', 'select * from quality_finding', '--format', 'json'),
    ]);
    expect(findings.stdout).toContain('第21002行有10列');
    const reports = rejected
      .filter((f) => f.includes('.errors.'))
      .map((f) => readFileSync(path.join(d.dir, 'rejected', f), 'utf8'));
    for (const text of [run.stdout, findings.stdout, quality.stdout, ...reports])
      expect(text).not.toContain(SHIFTED_ID);

    // The same export through `kpi ingest --json`, and its human output.
    const again = shiftedRegistrations(path.join(scratch, '就业登记明细202201-2.csv'));
    const json = await d.kpi('ingest', again, '--json');
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as FileOutcome[])[0]!.status).toBe('rejected');
    expect(json.stdout).toContain('"row": 21002');
    const human = await d.kpi('ingest', again);
    for (const text of [json.stdout, json.stderr, human.stdout, human.stderr])
      expect(text).not.toContain(SHIFTED_ID);
    // Nothing left in the private temp folder, and nothing in the system's.
    expect(tree(privateTempRoot(path.join(d.dir, 'kpi.duckdb')))).toEqual([]);
    console.log(`kpi run over a hostile inbox: ${seconds.toFixed(1)} s`);
  }, 240_000);

  it('quarantines a workbook whose reading exhausts the memory of its reader, and loads the rest', async () => {
    const d = deployment();
    // Limits raised so that the far-cell workbook reaches exceljs, in a child with 128 MB.
    writeFileSync(
      d.config,
      JSON.stringify({
        target_files: [sample.targetsFile],
        limits: { sheet_rows: 1_048_576, sheet_columns: 16_384, read_memory_mb: 128 },
      }),
    );
    d.put(farCellWorkbook(mkdtempSync(path.join(tmpdir(), 'kpi-faults-files-'))));
    for (const r of sample.returns.filter((r) => r.month === 1)) d.put(r.file);
    const started = Date.now();
    const run = await d.kpi('run');
    const seconds = (Date.now() - started) / 1000;
    expect(run.code).toBe(0);
    expect(tree(path.join(d.dir, 'inbox'))).toEqual([]);
    expect(
      readFileSync(path.join(d.dir, 'rejected', '2022年10月_市南区_far-cell.xlsx.errors.txt'), 'utf8'),
    ).toMatch(/unreadable_file：文件无法读取：读取时超出内存上限（128 MB），已隔离 \(out_of_memory/);
    expect(tree(path.join(d.dir, 'archive'))).toHaveLength(
      sample.returns.filter((r) => r.month === 1).length,
    );
    console.log(`kpi run with a workbook that exhausts a 128 MB reader: ${seconds.toFixed(1)} s`);
  }, 240_000);

  it('rejects an export that cannot fit the warehouse memory budget, loads it within a larger one, and leaves nothing spilled', async () => {
    const d = deployment();
    const budget = (mb: number) =>
      writeFileSync(
        d.config,
        JSON.stringify({ target_files: [sample.targetsFile], limits: { warehouse_memory_mb: mb } }),
      );
    const rows = Array.from(
      { length: 600_000 },
      (_, i) =>
        `${i + 1},张三${i},${personId((i % 99_999) + 1)},男,2022-01-08,城镇新增就业,市南区人社局,370202`,
    );
    const big = path.join(mkdtempSync(path.join(tmpdir(), 'kpi-faults-files-')), '就业登记明细202201.csv');
    writeCsv(big, [REGISTRATION_HEADER, ...rows], 'gbk');

    // 64 MB cannot hold its staging: rejected whole with the reason, in one line per finding.
    budget(64);
    const refused = await d.kpi('ingest', big);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /rejected .*就业登记明细202201\.csv\n.*读取时超出仓库内存上限（limits\.warehouse_memory_mb），已拒收/,
    );
    expect(refused.stdout).not.toMatch(/Out of Memory/);
    const kept = await d.kpi(
      'query',
      'select status, count(*) as n from source_file group by all',
      '--format',
      'json',
    );
    expect(JSON.parse(kept.stdout)).toEqual([{ status: 'rejected', n: '1' }]);

    // 128 MB: DuckDB spills into the private folder and the run loads it beside the returns.
    budget(128);
    d.put(big);
    for (const r of sample.returns.filter((r) => r.month === 1)) d.put(r.file);
    const run = await d.kpi('run');
    expect(run.code).toBe(0);
    expect(tree(path.join(d.dir, 'inbox'))).toEqual([]);
    const loaded = await d.kpi(
      'query',
      "select count(*) as n from source_file where status = 'loaded'",
      '--format',
      'json',
    );
    expect(JSON.parse(loaded.stdout)).toEqual([
      { n: String(sample.returns.filter((r) => r.month === 1).length + 1) },
    ]);
    // Nothing spilled (names, IDs) is left, in the private folder or beside the warehouse.
    expect(tree(privateTempRoot(path.join(d.dir, 'kpi.duckdb')))).toEqual([]);
    expect(readdirSync(d.dir).filter((f) => f.endsWith('.tmp') && !f.startsWith('.'))).toEqual([]);
  }, 240_000);

  it('fails the run in one line with pipeline_run failed when the archive and reports folders are unusable', async () => {
    const d = deployment();
    for (const r of sample.returns) d.put(r.file);
    // Files where folders should be: unwritable for any user, root included.
    writeFileSync(path.join(d.dir, 'archive'), '');
    writeFileSync(path.join(d.dir, 'reports'), '');
    const run = await d.kpi('run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^kpi: 运行 run-\S+ 失败：\S+\/(reports|archive)\S*：(已有同名文件|路径中有一段不是文件夹)\n$/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const runs = await d.kpi('query', 'select status from pipeline_run', '--format', 'json');
    expect(JSON.parse(runs.stdout)).toEqual([{ status: 'failed' }]);
    // The files stay in the inbox for the next run; what was loaded is published.
    expect(tree(path.join(d.dir, 'inbox'))).toHaveLength(sample.returns.length);
    const debug = await runKpi(['report', '--period', '2023-03', '--config', d.config, '--debug'], {
      cwd: d.dir,
    });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/no data for 2023-03[^\n]*\n\s+at /);
  }, 240_000);

  it('says in one line what is wrong for a missing target file, a missing warehouse and an empty month', async () => {
    const d = deployment();
    writeFileSync(d.config, JSON.stringify({ target_files: ['no-such-targets.json'] }));
    const missingTargets = await d.kpi('init');
    expect(missingTargets.code).toBe(1);
    expect(missingTargets.stderr).toMatch(
      /^kpi: \S*no-such-targets\.json：文件或文件夹不存在（kpi --debug … 显示详情）$/m,
    );
    expect(missingTargets.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(d.config, '{}');
    const noWarehouse = await d.kpi('report', '--period', '2022-01');
    expect(noWarehouse).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^kpi: 没有找到仓库 \S+：先运行 kpi init 创建它，或用 --db 指定已有的仓库\n$/,
      ),
    });
    expect((await d.kpi('init')).code).toBe(0);
    const empty = await d.kpi('report', '--period', '2023-03');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(
      `kpi: 2023-03 没有数据，未生成通报 (no data for 2023-03 in ${path.join(d.dir, 'kpi.duckdb')}: nothing was loaded for that month, no bulletin written)\n`,
    );
    expect(tree(path.join(d.dir, 'reports'))).toEqual([]);
  }, 240_000);
});

describe('kpi run killed, and racing', () => {
  it('sweeps what a run killed with SIGKILL during its ingest left, and completes the work', async () => {
    const d = deployment();
    d.put(
      shiftedRegistrations(
        path.join(mkdtempSync(path.join(tmpdir(), 'kpi-faults-files-')), '就业登记明细202201.csv'),
      ),
    );
    for (const r of sample.returns) d.put(r.file);
    const temp = privateTempRoot(path.join(d.dir, 'kpi.duckdb'));
    const run = startKpi(['run', '--config', d.config], { cwd: d.dir });
    // Kill it the moment the transcoded export (names and IDs) exists in the private folder.
    const sawTranscoded = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        const left = tree(temp);
        if (left.some((f) => f.endsWith('utf8.csv'))) {
          clearInterval(poll);
          run.kill('SIGKILL');
          resolve(true);
        }
      }, 2);
      void exited(run).then(() => {
        clearInterval(poll);
        resolve(false);
      });
    });
    expect(sawTranscoded).toBe(true);
    expect(await exited(run)).toBe('SIGKILL');
    expect(tree(temp).some((f) => f.endsWith('utf8.csv'))).toBe(true);
    expect((statSync(temp).mode & 0o777).toString(8)).toBe('700');

    const next = await d.kpi('run');
    expect(next.code).toBe(0);
    expect(tree(temp)).toEqual([]);
    expect(tree(path.join(d.dir, 'inbox'))).toEqual([]);
    // No publish copy, WAL or transcoded export anywhere beside the warehouse.
    expect(tree(d.dir).filter((f) => /publishing|\.wal$|utf8\.csv/.test(f))).toEqual([]);
    const loaded = await d.kpi(
      'query',
      "select count(*) as n from source_file where status in ('loaded', 'revised')",
      '--format',
      'json',
    );
    expect(JSON.parse(loaded.stdout)).toEqual([{ n: String(sample.returns.length) }]);
  }, 240_000);

  it('folds the log of a writer killed in place into the next run, never leaving it beside the warehouse', async () => {
    const d = deployment();
    for (const r of sample.returns.filter((r) => r.month === 1)) d.put(r.file);
    expect((await d.kpi('run')).code).toBe(0);
    const db = path.join(d.dir, 'kpi.duckdb');
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITE_IN_PLACE, db], { stdio: 'ignore' });
    expect(await exited(writer)).toBe('SIGKILL');
    expect(existsSync(`${db}.wal`)).toBe(true);

    for (const r of sample.returns.filter((r) => r.month === 2)) d.put(r.file);
    expect((await d.kpi('run')).code).toBe(0);
    expect(existsSync(`${db}.wal`)).toBe(false);
    // The killed writer's commit is in the published file, replayed once; the run's own rows too.
    const kept = await d.kpi('query', 'select answer from written_in_place', '--format', 'json');
    expect(JSON.parse(kept.stdout)).toEqual([{ answer: 42 }]);
    const facts = await d.kpi(
      'query',
      'select count(*) as n, count(distinct fact_id) as d from fact_value',
      '--format',
      'json',
    );
    const [{ n, d: distinct }] = JSON.parse(facts.stdout) as Array<{ n: string; d: string }>;
    expect(Number(n)).toBeGreaterThan(0);
    expect(n).toBe(distinct);
  }, 240_000);

  it('refuses an ingest while a run holds the lock; the same ingest afterwards is loaded', async () => {
    const d = deployment();
    const [first, ...rest] = sample.returns;
    for (const r of rest) d.put(r.file);
    d.put(
      shiftedRegistrations(
        path.join(mkdtempSync(path.join(tmpdir(), 'kpi-faults-files-')), '就业登记明细202201.csv'),
      ),
    );
    const run = startKpi(['run', '--config', d.config], { cwd: d.dir });
    const holder = path.join(d.dir, 'kpi.duckdb.run-lock.json');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(holder)) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    const racing = await d.kpi('ingest', first!.file, '--json');
    expect(racing.code).toBe(1);
    expect(racing.stderr).toMatch(
      new RegExp(`^kpi: (未启动：)?另一个运行正在进行（pid ${run.pid}，kpi run，`),
    );
    expect(await exited(run)).toBe(0);
    const after = await d.kpi('ingest', first!.file, '--json');
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as FileOutcome[])[0]!.status).toBe('loaded');
    const files = await d.kpi(
      'query',
      "select count(*) as n from source_file where status in ('loaded', 'revised')",
      '--format',
      'json',
    );
    expect(JSON.parse(files.stdout)).toEqual([{ n: String(sample.returns.length) }]);
  }, 240_000);
});
