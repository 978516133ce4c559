import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { acquireRunLock, RunLockedError } from '../../pipelines/run-lock.ts';
import { runPipeline } from '../../pipelines/run-pipeline.ts';
import { openWarehouse } from '../../warehouse/open-warehouse.ts';
import { createPipelineFixture } from './pipeline-fixture.ts';

const KPI = path.resolve(import.meta.dirname, '../../cli/kpi.js');
const now = () => new Date('2022-03-06T10:00:00+08:00');

/** Run `kpi` in a child process; resolves to its exit code, the signal that killed it, and its output. */
function kpiChild(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }>(
    (resolve) => {
      const child = spawn(process.execPath, [KPI, ...args], { env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
}

describe('kpi run safety', () => {
  it('refuses a second run while one holds the lock, with exit code 1 and a clear message', async () => {
    const f = await createPipelineFixture();
    const lock = acquireRunLock(f.config.db);
    try {
      await expect(runPipeline({ config: f.config, catalogue: f.catalogue, now })).rejects.toThrow(
        RunLockedError,
      );
      const stderr = new PassThrough();
      let text = '';
      stderr.on('data', (d) => (text += d));
      const code = await main(['node', 'kpi', '--config', f.configFile, 'run'], {
        stdout: new PassThrough(),
        stderr,
      });
      expect(code).toBe(1);
      expect(text).toContain(`another kpi run (pid ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it('recovers a stale lock left by a dead process', async () => {
    const f = await createPipelineFixture();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await mkdir(path.dirname(f.config.db), { recursive: true });
    await writeFile(
      `${f.config.db}.lock`,
      JSON.stringify({ pid: Number(dead), started_at: 'x', host: (await import('node:os')).hostname() }),
    );
    const messages: string[] = [];
    const summary = await runPipeline({
      config: f.config,
      catalogue: f.catalogue,
      now,
      reporter: { report: (e) => e.message && messages.push(e.message), stop() {} },
    });
    expect(summary.status).toBe('completed');
    expect(messages.join('\n')).toMatch(new RegExp(`recovered a stale lock .*pid ${dead}`));
  });

  it('lets a reader keep the published file open: it sees the old data during and after a run, the new after reopening', async () => {
    const f = await createPipelineFixture();
    await f.drop(1);
    await runPipeline({ config: f.config, catalogue: f.catalogue, now });
    const count = `SELECT count(*)::INTEGER AS n FROM source_file WHERE status = 'loaded'`;
    const reader = await openWarehouse(f.config.db, { readOnly: true });
    try {
      expect((await reader.connection.runAndReadAll(count)).getRowObjectsJS()).toEqual([{ n: 2 }]);
      await f.drop(2);
      const summary = await runPipeline({ config: f.config, catalogue: f.catalogue, now });
      expect(summary.filesLoaded).toBe(2);
      expect((await reader.connection.runAndReadAll(count)).getRowObjectsJS()).toEqual([{ n: 2 }]);
    } finally {
      reader.close();
    }
    expect(await f.published(count)).toEqual([{ n: 4 }]);
  });

  for (const step of ['ingest', 'archive', 'publish']) {
    it(`survives kill -9 after ${step}: the published warehouse is as before (or fully new) and a rerun completes`, async () => {
      const f = await createPipelineFixture();
      await f.drop(1);
      await runPipeline({ config: f.config, catalogue: f.catalogue, now });
      const before = await readFile(f.config.db);
      await f.drop(2);

      const crashed = await kpiChild(['--config', f.configFile, 'run'], { KPI_CRASH_AFTER_STEP: step });
      expect(crashed.signal).toBe('SIGKILL');
      expect((await f.files('inbox')).length).toBe(2);
      const after = await readFile(f.config.db);
      if (step === 'publish') expect(after.equals(before)).toBe(false);
      else expect(after.equals(before)).toBe(true);

      const rerun = await kpiChild(['--config', f.configFile, 'run']);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain('recovered a stale lock');
      expect(await f.files('inbox')).toEqual([]);
      expect(await f.files('archive')).toHaveLength(4);
      expect(
        await f.published(`SELECT count(*)::INTEGER AS n FROM source_file WHERE status = 'loaded'`),
      ).toEqual([{ n: 4 }]);
      const failed = await f.published(
        `SELECT count(*)::INTEGER AS n FROM load_run WHERE status <> 'completed'`,
      );
      expect(failed).toEqual([{ n: 0 }]);
    });
  }
});
