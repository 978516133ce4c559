/**
 * `kpi ingest <file or folder>…`: validate and load returns and exports, one outcome per file
 * (`--json`: the SPEC §10 array). Exit 0 when every file was accepted, 1 when some were rejected.
 */
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileOutcome } from '../../sources/file-outcome.ts';
import { formatLocation } from '../../sources/finding.ts';
import { withRunLock } from '../../pipelines/run-lock.ts';
import { ingestFile } from '../../sources/ingest-file.ts';
import { toDuckTimestamp } from '../../warehouse/duck-values.ts';
import { initWarehouse } from '../../warehouse/init-warehouse.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { UserError, type CommandContext } from '../command-context.ts';

export function registerIngest(program: Command, context: () => CommandContext): void {
  program
    .command('ingest')
    .description('validate and load district returns and system exports (files or folders)')
    .argument('<paths...>', 'files or folders (folders are read recursively, in month order)')
    .option('--json', 'print a JSON array of {file, status, region, period, errors, warnings}')
    .action(async (paths: string[], options: { json?: boolean }) => {
      const ctx = context();
      const files = await expandPaths(paths);
      const catalogue = await ctx.catalogue();
      // The run lock: an ingest while `kpi run` works on its copy is refused, never lost.
      const outcomes = await withRunLock(ctx.config.db, 'ingest', () =>
        withWarehouse(ctx.config.db, {}, async ({ connection }) => {
          if (!(await isInitialised(connection))) await initWarehouse(connection, catalogue);
          const runId = `ingest-${randomUUID()}`;
          const startedAt = new Date();
          await connection.run(
            `INSERT INTO load_run (run_id, command, started_at, status, files_seen) VALUES (?, 'ingest', ?, 'running', ?)`,
            [runId, toDuckTimestamp(startedAt), files.length],
          );
          const results: FileOutcome[] = [];
          try {
            for (const file of files)
              results.push(
                await ingestFile(connection, file, { runId, now: new Date(), config: ctx.config, catalogue }),
              );
          } finally {
            const rejected = results.filter((o) => o.status === 'rejected').length;
            const loaded = results.filter((o) => o.status === 'loaded' || o.status === 'revised').length;
            await connection.run(
              `UPDATE load_run SET finished_at = ?, status = ?, files_loaded = ?, files_rejected = ?, message = ?
             WHERE run_id = ?`,
              [
                toDuckTimestamp(new Date()),
                results.length === files.length ? 'completed' : 'failed',
                loaded,
                rejected,
                `${results.length} of ${files.length} files processed`,
                runId,
              ],
            );
          }
          return results;
        }),
      );
      ctx.stdout.write(
        options.json ? JSON.stringify(outcomes, null, 2) + '\n' : outcomes.map(describe).join(''),
      );
      const rejected = outcomes.filter((o) => o.status === 'rejected').length;
      if (rejected > 0) throw new UserError(`${rejected} of ${outcomes.length} file(s) rejected`, 1);
    });
}

/** Files named by the arguments: files as given, folders recursively (hidden ones included), months in order. */
async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const collator = new Intl.Collator('zh', { numeric: true });
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new UserError(`no such file or folder: ${p}`, 2);
    if (info.isDirectory()) await walk(p);
    else files.push(p);
  }
  return files;
}

async function isInitialised(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'source_file'`,
  );
  return (reader.getRowObjectsJson()[0]?.n as number) > 0;
}

function describe(outcome: FileOutcome): string {
  const head = `${outcome.status.padEnd(9)} ${outcome.region ?? '-'} ${outcome.period ?? '-'}  ${outcome.file}\n`;
  const lines = [...outcome.errors, ...outcome.warnings].map(
    (f) => `    ${f.severity} ${f.code}: ${f.message} (${formatLocation(f.location)})\n`,
  );
  return head + lines.join('');
}
