/**
 * `kpi catalogue`: list the indicators, or with `--targets` the targets the warehouse holds (with
 * issuer, due month and the plan each comes from; the catalogue's own when there is no warehouse yet).
 */
import { Option, type Command } from '../commander.ts';
import type { CommandContext } from '../command-context.ts';
import { formatRows, type RowFormat } from '../format-rows.ts';

export function registerCatalogue(program: Command, context: () => CommandContext): void {
  program
    .command('catalogue')
    .description('list indicators (with kind, units, direction) and targets')
    .addOption(new Option('--targets', 'list targets instead of indicators'))
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .action(async (options: { targets?: boolean; format: RowFormat }) => {
      const ctx = context();
      const catalogue = await ctx.catalogue();
      if (options.targets) {
        const { listTargets, TARGET_COLUMNS } = await import('../../pipelines/list-targets.ts');
        const rows = await listTargets(ctx.config, await ctx.catalogue());
        ctx.stdout.write(formatRows([...TARGET_COLUMNS], rows as never, options.format));
        return;
      }
      const rows = catalogue.indicators.map((i) => ({
        code: i.code,
        name_zh: i.nameZh,
        category: i.category,
        kind: i.kind,
        unit: i.unit,
        display_unit: i.displayUnit,
        direction: i.direction,
        components: i.numeratorCode
          ? `${i.numeratorCode} ÷ ${i.denominatorCode}`
          : (i.baseCode ?? i.parentCode ?? ''),
        targets: catalogue.targets.filter((t) => t.indicatorCode === i.code).length,
      }));
      ctx.stdout.write(formatRows(Object.keys(rows[0] ?? {}), rows, options.format));
    });
}
