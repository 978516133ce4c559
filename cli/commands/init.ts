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
      const [{ initWarehouse }, { withWarehouse }] = await Promise.all([
        import('../../warehouse/init-warehouse.ts'),
        import('../../warehouse/open-warehouse.ts'),
      ]);
      const result = await withWarehouse(ctx.config.db, {}, (w) => initWarehouse(w.connection, catalogue));
      const applied = result.migrations.filter((m) => m.status === 'applied');
      ctx.stdout.write(
        `warehouse ${ctx.config.db}\n` +
          `  migrations: ${applied.length ? applied.map((m) => `${m.version} ${m.name}`).join('; ') : 'up to date'}\n` +
          `  catalogue: ${result.indicators} indicators, ${result.regions} regions, ${result.targets} targets\n`,
      );
    });
}
