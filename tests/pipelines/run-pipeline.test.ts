// @module-tag sample-year
// @module-tag process
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { configSchema, type Config } from '../../core/config.ts';
import { privateTempRoot } from '../../core/private-temp.ts';
import { workingCopyPath } from '../../pipelines/publish-warehouse.ts';
import { runPipeline, RunStoppedError } from '../../pipelines/run-pipeline.ts';
import { acquireRunLock, RunLockedError, runLockPath } from '../../pipelines/run-lock.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { writeSampleYear, type SampleYear } from '../../samples/write-sample-year.ts';
import { openWarehouse, withWarehouse } from '../../warehouse/open-warehouse.ts';

const KPI = path.resolve('cli/kpi.js');
const DISTRICTS = ['370202', '370203'];
let sample: SampleYear;
let catalogue: Catalogue;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-pipeline-sample-'));
  sample = await writeSampleYear(dir, await loadCatalogue(), {
    months: [1, 2],
    districts: DISTRICTS,
    broken: true,
  });
  catalogue = await loadCatalogue({ extraTargetFiles: [sample.targetsFile] });
});

function setup(): Config {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-pipeline-'));
  const config: Config = {
    ...configSchema.parse({}),
    db: path.join(dir, 'kpi.duckdb'),
    inbox: path.join(dir, 'inbox'),
    archive: path.join(dir, 'archive'),
    rejected: path.join(dir, 'rejected'),
    reports: path.join(dir, 'reports'),
    salt_file: path.join(dir, '.kpi', 'salt'),
    target_files: [sample.targetsFile],
  };
  mkdirSync(config.inbox, { recursive: true });
  writeFileSync(path.join(dir, 'kpi.config.json'), JSON.stringify({ ...config }));
  return config;
}

function drop(config: Config, month: number) {
  for (const r of sample.returns.filter((r) => r.month === month))
    copyFileSync(r.file, path.join(config.inbox, path.basename(r.file)));
}

const at = (iso: string) => () => new Date(iso);

async function count(db: string, sql: string): Promise<number> {
  return withWarehouse(db, { readOnly: true }, async ({ connection }) =>
    Number((await connection.runAndReadAll(sql)).getRowsJS()[0]![0]),
  );
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const hashOf = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;

describe('kpi run', () => {
  it('loads the inbox, publishes, archives by month and logs the run and its steps', async () => {
    const config = setup();
    drop(config, 1);
    const log = createMemoryLog();
    const result = await runPipeline({ config, catalogue, log, now: at('2022-02-03T22:00:00+08:00') });
    expect(result.status).toBe('completed');
    expect(result.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    expect(files(config.inbox)).toEqual([]);
    expect(files(config.archive).every((f) => /^2022-01\/[0-9a-f]{12}_2022年1月_/.test(f))).toBe(true);
    expect(files(config.archive)).toHaveLength(2);
    expect(
      await count(
        config.db,
        `select count(*) from pipeline_run where status = 'completed' and files_loaded = 2`,
      ),
    ).toBe(1);
    expect(await count(config.db, `select count(*) from run_step where status = 'completed'`)).toBe(2);
    expect(
      await count(config.db, `select count(*) from observation where period = '2022-01-01'`),
    ).toBeGreaterThan(20);
    // Two of ten districts before the deadline: the bulletin waits, and says why.
    expect(result.reports).toEqual([]);
    expect(log.events).toContainEqual(
      expect.objectContaining({ event: 'report_skipped', period: '2022-01' }),
    );
  });

  it('writes the bulletin on the deadline day, naming the missing districts', async () => {
    const config = setup();
    drop(config, 1);
    const result = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: at('2022-02-05T09:00:00+08:00'),
    });
    expect(result.reports.map((f) => path.basename(f))).toEqual([
      'bulletin-2022-01.md',
      'bulletin-2022-01.html',
      'bulletin-2022-01.xlsx',
      'bulletin-2022-01.docx',
      'audit-2022-01.md',
      'audit-2022-01.xlsx',
    ]);
    expect(readFileSync(result.reports[0]!, 'utf8')).toContain('莱西市');
    // The bulletin cites the month's 审核 report; the run writes it beside the bulletin.
    expect(readFileSync(result.reports[4]!, 'utf8')).toContain('# 青岛市人社统计月报审核情况报告');
  });

  it('changes nothing when run again on the same files, and keeps one archived copy', async () => {
    const config = setup();
    drop(config, 1);
    await runPipeline({ config, catalogue, log: createMemoryLog(), now: at('2022-02-03T22:00:00+08:00') });
    const facts = await count(config.db, 'select count(*) from fact_value');
    drop(config, 1);
    const again = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: at('2022-02-04T22:00:00+08:00'),
    });
    expect(again.outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
    expect(await count(config.db, 'select count(*) from fact_value')).toBe(facts);
    expect(files(config.archive)).toHaveLength(2);
    expect(files(config.inbox)).toEqual([]);
    const empty = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: at('2022-02-04T23:00:00+08:00'),
    });
    expect(empty.outcomes).toEqual([]);
    // Nothing new the same day: the published warehouse is not even rebuilt.
    expect(await count(config.db, `select count(*) from pipeline_run`)).toBe(2);
    // The next day the run happens (late and missing returns depend on the date).
    await runPipeline({ config, catalogue, log: createMemoryLog(), now: at('2022-02-05T02:00:00+08:00') });
    expect(await count(config.db, `select count(*) from pipeline_run`)).toBe(3);
  });

  it('moves a rejected file aside with a readable and a JSON error report, loading nothing of it', async () => {
    const config = setup();
    const broken = readdirSync(sample.brokenDir!).find((f) => f.includes('非数值'))!;
    copyFileSync(path.join(sample.brokenDir!, broken), path.join(config.inbox, broken));
    const result = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: at('2022-11-03T22:00:00+08:00'),
    });
    expect(result.outcomes.map((o) => o.status)).toEqual(['rejected']);
    expect(files(config.rejected)).toEqual([broken, `${broken}.errors.json`, `${broken}.errors.txt`].sort());
    expect(readFileSync(path.join(config.rejected, `${broken}.errors.txt`), 'utf8')).toMatch(/未通过审核/);
    expect(await count(config.db, 'select count(*) from fact_value')).toBe(0);
  });

  it('refuses to start while another run holds the lock, and recovers the lock of a dead one', async () => {
    const config = setup();
    const held = await acquireRunLock(config.db);
    try {
      await expect(runPipeline({ config, catalogue, log: createMemoryLog() })).rejects.toBeInstanceOf(
        RunLockedError,
      );
    } finally {
      held.release();
    }
    // What a killed run leaves: its holder file (the OS released the lock itself).
    writeFileSync(
      `${runLockPath(config.db)}.json`,
      JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: '2022-11-03T02:00:00Z' }),
    );
    const log = createMemoryLog();
    const result = await runPipeline({ config, catalogue, log });
    expect(result.status).toBe('completed');
    expect(log.events).toContainEqual(expect.objectContaining({ event: 'lock_recovered' }));
    expect(existsSync(`${runLockPath(config.db)}.json`)).toBe(false);
  });

  it('never blocks or disturbs a reader holding the published warehouse open', async () => {
    const config = setup();
    drop(config, 1);
    await runPipeline({ config, catalogue, log: createMemoryLog(), now: at('2022-02-03T22:00:00+08:00') });
    const reader = await openWarehouse(config.db, { readOnly: true });
    try {
      const before = Number(
        (await reader.connection.runAndReadAll('select count(*) from fact_value')).getRowsJS()[0]![0],
      );
      drop(config, 2);
      const result = await runPipeline({
        config,
        catalogue,
        log: createMemoryLog(),
        now: at('2022-03-03T22:00:00+08:00'),
      });
      expect(result.status).toBe('completed');
      // The open session still reads the version it opened…
      expect(
        Number((await reader.connection.runAndReadAll('select count(*) from fact_value')).getRowsJS()[0]![0]),
      ).toBe(before);
    } finally {
      reader.close();
    }
    // …and a new session reads the published one.
    expect(await count(config.db, 'select count(*) from fact_value')).toBeGreaterThan(0);
    expect(
      await count(config.db, `select count(*) from observation where period = '2022-02-01'`),
    ).toBeGreaterThan(20);
  });
});

describe('kpi run stopped on request (SIGTERM, SIGINT, kpi schedule stopping)', () => {
  it('finishes the current step, publishes nothing, keeps the inbox and releases the lock', async () => {
    const config = setup();
    drop(config, 1);
    await runPipeline({ config, catalogue, log: createMemoryLog(), now: at('2022-02-06T02:00:00+08:00') });
    const published = hashOf(config.db);
    drop(config, 2);
    const stop = new AbortController();
    const log = createMemoryLog();
    // The stop request arrives while the first file of the ingest step is being loaded.
    const emit = log.emit;
    log.emit = (event) => {
      emit(event);
      if (event.event === 'file') stop.abort();
    };
    await expect(
      runPipeline({ config, catalogue, log, now: at('2022-03-06T02:00:00+08:00'), signal: stop.signal }),
    ).rejects.toThrow(RunStoppedError);
    expect(log.events.filter((e) => e.event === 'file')).toHaveLength(2);
    expect(log.events).toContainEqual(expect.objectContaining({ event: 'step_finished', step: 'ingest' }));
    expect(log.events).not.toContainEqual(expect.objectContaining({ event: 'step_started', step: 'check' }));
    expect(hashOf(config.db)).toBe(published);
    expect(files(config.inbox)).toHaveLength(2);
    expect(existsSync(`${runLockPath(config.db)}.json`)).toBe(false);

    const next = await runPipeline({
      config,
      catalogue,
      log: createMemoryLog(),
      now: at('2022-03-06T02:00:00+08:00'),
    });
    expect(next.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    expect(files(config.inbox)).toEqual([]);
  });
});

describe('kpi run killed with SIGKILL', () => {
  const run = (config: Config, crashAfter?: string) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = execFile(
        process.execPath,
        [KPI, 'run', '--config', path.join(path.dirname(config.db), 'kpi.config.json')],
        {
          env: { ...process.env, ...(crashAfter ? { KPI_CRASH_AT: crashAfter } : {}) },
        },
      );
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });

  /** January loaded, then the run bringing February killed at `point`: the published file is January's. */
  const killedDuringFebruary = async (point: string) => {
    const config = setup();
    drop(config, 1);
    expect(await run(config)).toEqual({ code: 0, signal: null });
    const published = hashOf(config.db);
    drop(config, 2);
    expect((await run(config, point)).signal).toBe('SIGKILL');
    expect(hashOf(config.db)).toBe(published);
    expect(files(config.inbox)).toHaveLength(2);
    return { config, published };
  };

  it('leaves the published warehouse as it was when killed after loading, and the next run completes', async () => {
    const { config } = await killedDuringFebruary('ingest');
    expect(existsSync(`${runLockPath(config.db)}.json`)).toBe(true);

    expect(await run(config)).toEqual({ code: 0, signal: null });
    expect(files(config.inbox)).toEqual([]);
    expect(
      await count(
        config.db,
        `select count(*) from source_file where period = '2022-02-01' and status = 'loaded'`,
      ),
    ).toBe(2);
  });

  it('leaves the published warehouse as it was when killed in the middle of its publish, and the next run replaces the copy and completes', async () => {
    // Killed with the working copy flushed beside the warehouse, before its rename.
    const { config, published } = await killedDuringFebruary('publish-rename');
    const work = workingCopyPath(config.db);
    expect(hashOf(work)).not.toBe(published);
    const temp = privateTempRoot(config.db);

    expect(await run(config)).toEqual({ code: 0, signal: null });
    expect(existsSync(work)).toBe(false);
    expect(readdirSync(temp)).toEqual([]);
    expect(files(config.inbox)).toEqual([]);
    expect(
      await count(
        config.db,
        `select count(*) from source_file where period = '2022-02-01' and status = 'loaded'`,
      ),
    ).toBe(2);
    expect(await count(config.db, `select count(*) from pipeline_run where status = 'completed'`)).toBe(2);
  });

  for (const step of ['report', 'archive'])
    it(`completes the work when killed after ${step}, keeping one archived copy of each file`, async () => {
      const config = setup();
      drop(config, 1);
      expect((await run(config, step)).signal).toBe('SIGKILL');
      expect(await count(config.db, `select count(*) from source_file where status = 'loaded'`)).toBe(2);
      expect(await run(config)).toEqual({ code: 0, signal: null });
      expect(files(config.inbox)).toEqual([]);
      expect(files(config.archive)).toHaveLength(2);
      // Killed after archiving, the run had finished its work: the rerun the same day has nothing to do.
      expect(await count(config.db, `select count(*) from pipeline_run where status = 'completed'`)).toBe(
        step === 'archive' ? 1 : 2,
      );
    });

  it('finishes the archiving when killed after publishing', async () => {
    const config = setup();
    drop(config, 1);
    expect((await run(config, 'publish')).signal).toBe('SIGKILL');
    expect(await count(config.db, `select count(*) from source_file where status = 'loaded'`)).toBe(2);
    expect(files(config.inbox)).toHaveLength(2);
    expect(await run(config)).toEqual({ code: 0, signal: null });
    expect(files(config.inbox)).toEqual([]);
    expect(files(config.archive)).toHaveLength(2);
    expect(await count(config.db, `select count(*) from source_file`)).toBe(2);
  });
});
