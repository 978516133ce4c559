/**
 * The demo: the sample 2022 year (issue-3's generator) in `<out>/sample`, a config in `<out>/kpi.config.json`,
 * then month by month the month's returns (and its deliberately broken ones) dropped into the inbox and run.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { loadCatalogue } from '../catalogue/load-catalogue.ts';
import { writeSampleYear } from '../samples/write-sample-year.ts';
import { loadConfig, type Config } from './config.ts';
import { deadlineOf } from './choose-bulletin-month.ts';
import { runPipeline, type RunSummary } from './run-pipeline.ts';

export interface DemoResult {
  readonly config: Config;
  readonly runs: readonly RunSummary[];
}

/** Build and run the demo in `outDir`; `months` limits it to the first n months. Rerunning is harmless. */
export async function runDemo(options: {
  outDir: string;
  months?: number;
  stdout: Writable;
}): Promise<DemoResult> {
  const out = path.resolve(options.outDir);
  const months = Array.from({ length: Math.min(options.months ?? 12, 12) }, (_, i) => i + 1);
  await mkdir(out, { recursive: true });
  const configFile = path.join(out, 'kpi.config.json');
  await writeFile(
    configFile,
    JSON.stringify(
      {
        db: 'warehouse/kpi.duckdb',
        inbox: 'inbox',
        archive: 'archive',
        rejected: 'rejected',
        reports: 'reports',
        target_files: ['sample/district-targets.json'],
      },
      null,
      2,
    ) + '\n',
  );
  const bundled = await loadCatalogue();
  options.stdout.write(`writing the sample 2022 year into ${path.join(out, 'sample')} …\n`);
  const sample = await writeSampleYear(path.join(out, 'sample'), bundled, { months });
  const config = loadConfig({ configPath: configFile, env: {} });
  const catalogue = await loadCatalogue({ dir: config.catalogue_dir, extraTargetFiles: config.target_files });
  const broken = sample.brokenDir ? await readdir(sample.brokenDir) : [];
  const runs: RunSummary[] = [];
  for (const month of months) {
    const period = `${sample.truth.year}-${String(month).padStart(2, '0')}`;
    await mkdir(config.inbox, { recursive: true });
    for (const item of sample.returns.filter((r) => r.month === month))
      await copyFile(item.file, path.join(config.inbox, path.basename(item.file)));
    for (const name of broken.filter((n) => n.startsWith(`${sample.truth.year}年${month}月_`)))
      await copyFile(path.join(sample.brokenDir!, name), path.join(config.inbox, name));
    // The run happens on the deadline day after the month, as the nightly run would.
    const now = new Date(`${deadlineOf(period, config.deadline_day)}T10:00:00+08:00`);
    const summary = await runPipeline({ config, catalogue, now: () => now, command: 'demo' });
    runs.push(summary);
    options.stdout.write(
      `${period}: ${summary.filesLoaded} loaded, ${summary.filesUnchanged} unchanged, ${summary.filesRejected} rejected; ` +
        `bulletin ${summary.bulletin.written ? 'written' : `not written (${summary.bulletin.reason})`}\n`,
    );
  }
  options.stdout.write(
    [
      '',
      `warehouse:  ${config.db}   (open read-only: npx kpi --config ${configFile} query "SELECT * FROM completion")`,
      `bulletins:  ${config.reports}`,
      `archive:    ${config.archive}`,
      `rejected:   ${config.rejected}   (each with .errors.txt and .errors.json)`,
      `sample:     ${path.join(out, 'sample')}   (truth.json holds the figures the returns were made from)`,
      '',
    ].join('\n'),
  );
  return { config, runs };
}
