/**
 * `kpi targets load FILE…`: load target files (targets.json format: district 任务分解, a
 * province assignment, a later plan's figure) into the warehouse, where they stay until a newer
 * load replaces them; `kpi init` without the file never drops them. Exit 0, 1 on invalid files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseTargets } from '../../catalogue/parse-targets.ts';
import { acquireRunLock, RunLockedError } from '../../pipelines/run-lock.ts';
import { initWarehouse } from '../../warehouse/init-warehouse.ts';
import { inTransaction, withWarehouse } from '../../warehouse/open-warehouse.ts';
import { storeTargets } from '../../warehouse/store-targets.ts';
import { UserError, type CommandContext } from '../command-context.ts';

export function registerTargets(program: Command, context: () => CommandContext): void {
  const targets = program.command('targets').description('manage the targets held in the warehouse');
  targets
    .command('load')
    .description(
      'load target files (targets.json format) into the warehouse; kept until a newer load replaces them',
    )
    .argument('<files...>', 'target files')
    .action(async (files: string[]) => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const read = await Promise.all(
        files.map(async (file) => ({
          name: path.resolve(file),
          text: await readFile(file, 'utf8').catch((error: Error) => {
            throw new UserError(`cannot read ${file}: ${error.message}`);
          }),
          loaded: true,
        })),
      );
      const parsed = parseTargets(read, catalogue);
      if (parsed.problems.length > 0)
        throw new UserError(
          `nothing loaded: ${parsed.problems.length} problem(s)\n` +
            parsed.problems.map((p) => `  ${p.file} ${p.path.join('.')}: ${p.message}`).join('\n'),
        );
      let lock;
      try {
        lock = acquireRunLock(`${ctx.config.db}.lock`);
      } catch (error) {
        if (error instanceof RunLockedError) throw new UserError(`not loaded: ${error.message}`);
        throw error;
      }
      try {
        const result = await withWarehouse(ctx.config.db, {}, async ({ connection }) => {
          await initWarehouse(connection, catalogue);
          return inTransaction(connection, () => storeTargets(connection, parsed.targets, new Date()));
        });
        ctx.stdout.write(
          `targets ${ctx.config.db}: ${result.added} added, ${result.replaced} replaced, ${result.unchanged} unchanged\n`,
        );
      } finally {
        lock.release();
      }
    });
}
