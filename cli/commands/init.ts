/** `kpi init`: create or migrate the warehouse and load the catalogue (idempotent). */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

export function registerInit(program: Command, context: () => CommandContext): void {
  program
    .command('init')
    .description('create or migrate the warehouse; load catalogue, regions and targets (idempotent)')
    .action(async () => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const [{ createMemoryLog }, { writeWarehouse }] = await Promise.all([
        import('../../pipelines/run-log.ts'),
        import('../../pipelines/write-warehouse.ts'),
      ]);
      const result = await writeWarehouse(
        {
          db: ctx.config.db,
          timezone: ctx.config.timezone,
          command: 'init',
          catalogue,
          log: createMemoryLog(),
          now: () => new Date(),
        },
        async ({ init }) => init,
      );
      const applied = result.migrations.filter((m) => m.status === 'applied');
      ctx.stdout.write(
        `warehouse ${ctx.config.db}\n` +
          `  migrations: ${applied.length ? applied.map((m) => `${m.version} ${m.name}`).join('; ') : 'up to date'}\n` +
          `  catalogue: ${result.indicators} indicators, ${result.regions} regions, ${result.targets} targets\n`,
      );
    });
}
