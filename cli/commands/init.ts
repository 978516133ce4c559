/** `kpi init`: create or migrate the warehouse and load the catalogue (idempotent). */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

/** What became of the warehouse's salt, said in words. */
const SALT_STATES = {
  present: '已有',
  created: '随仓库新建',
  adopted: '由工作目录中的旧盐值文件复制而来',
  missing: '缺失：按人计数的系统导出将被拒收',
  foreign: '不是本仓库的盐值：按人计数的系统导出将被拒收',
  unreadable: '无法读取或建立：按人计数的系统导出将被拒收',
} as const;

export function registerInit(program: Command, context: () => CommandContext): void {
  program
    .command('init')
    .description('create or migrate the warehouse; load catalogue, regions and targets (idempotent)')
    .action(async () => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      const [{ createMessageLog }, { writeWarehouse }] = await Promise.all([
        import('../../pipelines/run-log.ts'),
        import('../../pipelines/write-warehouse.ts'),
      ]);
      // The salt is made with the warehouse (or adopted, or reported missing): see prepareWarehouseSalt.
      const { init: result, salt } = await writeWarehouse(
        {
          db: ctx.config.db,
          timezone: ctx.config.timezone,
          command: 'init',
          catalogue,
          log: createMessageLog(ctx.stderr),
          now: () => new Date(),
          salt: ctx.config,
        },
        async ({ init, salt }) => ({ init, salt }),
      );
      const applied = result.migrations.filter((m) => m.status === 'applied');
      ctx.stdout.write(
        `warehouse ${ctx.config.db}\n` +
          `  migrations: ${applied.length ? applied.map((m) => `${m.version} ${m.name}`).join('; ') : 'up to date'}\n` +
          `  catalogue: ${result.indicators} indicators, ${result.regions} regions, ${result.targets} targets\n` +
          `  salt: ${ctx.config.salt_file}（${SALT_STATES[salt ?? 'present']}）\n`,
      );
    });
}
