import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipelines/run-pipeline.ts';
import { createPipelineFixture } from './pipeline-fixture.ts';

const february6 = () => new Date('2022-02-06T10:00:00+08:00');

describe('kpi run lifecycle', () => {
  it('loads the inbox, files accepted and rejected files, publishes, and logs every step', async () => {
    const f = await createPipelineFixture();
    const returns = await f.drop(1);
    await f.dropText('notes.txt', 'not a return');
    const summary = await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });

    expect(summary).toMatchObject({ status: 'completed', filesLoaded: 2, filesRejected: 1, published: true });
    expect(summary.bulletin.period).toBe('2022-01');
    expect(summary.bulletin.missing).toHaveLength(8);
    expect(await f.files('inbox')).toEqual([]);
    const archived = await f.files('archive');
    expect(archived).toHaveLength(2);
    for (const name of archived) expect(name).toMatch(/^2022-01\/[0-9a-f]{12}_2022年1月_.+\.xlsx$/);
    expect(await f.files('rejected')).toEqual(['notes.txt', 'notes.txt.errors.json', 'notes.txt.errors.txt']);
    expect(await readFile(`${f.config.rejected}/notes.txt.errors.txt`, 'utf8')).toContain(
      'no definition matches notes.txt',
    );
    expect(JSON.parse(await readFile(`${f.config.rejected}/notes.txt.errors.json`, 'utf8'))).toMatchObject({
      status: 'rejected',
      errors: [{ code: 'no_definition' }],
    });

    const runs = await f.published(`SELECT status, files_seen, files_loaded, files_rejected FROM load_run`);
    expect(runs).toEqual([{ status: 'completed', files_seen: 3, files_loaded: 2, files_rejected: 1 }]);
    const steps = await f.published(`SELECT step, status FROM run_step ORDER BY step`);
    expect(steps.map((s) => s.step)).toEqual(['archive', 'checks', 'ingest', 'publish', 'report']);
    expect(steps.every((s) => s.status !== 'running' && s.status !== 'failed')).toBe(true);
    const loaded = await f.published(
      `SELECT count(*)::INTEGER AS n FROM source_file WHERE status = 'loaded'`,
    );
    expect(loaded).toEqual([{ n: 2 }]);
    expect(returns).toHaveLength(2);
  });

  it('is idempotent: a rerun with an empty inbox changes no data; the same file again is unchanged and not duplicated', async () => {
    const f = await createPipelineFixture();
    await f.drop(1);
    await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });
    const facts = `SELECT count(*)::INTEGER AS n FROM fact_value WHERE superseded_at IS NULL`;
    const before = await f.published(facts);

    const empty = await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });
    expect(empty).toMatchObject({ status: 'completed', filesLoaded: 0, filesRejected: 0 });
    await f.drop(1);
    const again = await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });
    expect(again).toMatchObject({ filesLoaded: 0, filesUnchanged: 2 });

    expect(await f.published(facts)).toEqual(before);
    expect(await f.files('archive')).toHaveLength(2);
    expect(await f.files('inbox')).toEqual([]);
    expect(
      await f.published(`SELECT count(*)::INTEGER AS n FROM load_run WHERE status = 'completed'`),
    ).toEqual([{ n: 3 }]);
  });

  it('never overwrites: a different rejected file of the same name is kept beside the first with a suffix', async () => {
    const f = await createPipelineFixture();
    await f.dropText('notes.txt', 'first');
    await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });
    await f.dropText('notes.txt', 'second');
    await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });
    expect(await f.files('rejected')).toEqual([
      'notes (2).txt',
      'notes (2).txt.errors.json',
      'notes (2).txt.errors.txt',
      'notes.txt',
      'notes.txt.errors.json',
      'notes.txt.errors.txt',
    ]);
    expect(await readFile(`${f.config.rejected}/notes.txt`, 'utf8')).toBe('first');
    expect(await readFile(`${f.config.rejected}/notes (2).txt`, 'utf8')).toBe('second');
  });

  it('waits for missing returns before the deadline day and names them after it', async () => {
    const f = await createPipelineFixture();
    await f.drop(1);
    const early = await runPipeline({
      config: f.config,
      catalogue: f.catalogue,
      now: () => new Date('2022-02-03T10:00:00+08:00'),
    });
    expect(early.bulletin.reason).toMatch(/^waiting for 8 return\(s\) until 2022-02-05$/);
    const late = await runPipeline({ config: f.config, catalogue: f.catalogue, now: february6 });
    expect(late.bulletin.missing).toContain('崂山区');
    expect(late.bulletin.missing).not.toContain('市南区');
  });
});
