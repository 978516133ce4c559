/**
 * `kpi targets load FILE…`: load target files (targets.json format: district 任务分解, a province
 * assignment, a later plan's figure) into the warehouse, where they stay until a newer load
 * replaces them; `kpi init` without the file never drops them. Exit 0, 1 on invalid files.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';

export function registerTargets(program: Command, context: () => CommandContext): void {
  const targets = program.command('targets').description('manage the targets held in the warehouse');
  targets
    .command('load')
    .description('load target files (targets.json format); kept until a newer load replaces them')
    .argument('<files...>', 'target files')
    .action(async (files: string[]) => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const { loadTargetFiles, TargetFilesError } = await import('../../pipelines/load-target-files.ts');
      const { createMemoryLog } = await import('../../pipelines/run-log.ts');
      try {
        const result = await loadTargetFiles({
          db: ctx.config.db,
          catalogue,
          files,
          log: createMemoryLog(),
          now: () => new Date(),
        });
        ctx.stdout.write(
          `targets ${ctx.config.db}: ${result.added} added, ${result.replaced} replaced, ${result.unchanged} unchanged\n`,
        );
      } catch (error) {
        if (error instanceof TargetFilesError) throw new UserError(error.message);
        throw error;
      }
    });
}
