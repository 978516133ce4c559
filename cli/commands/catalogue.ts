/** `kpi catalogue`: list the indicators and their targets, as the warehouse will hold them. */
import { Option, type Command } from 'commander';
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
        const names = new Map(catalogue.indicators.map((i) => [i.code, i.nameZh]));
        const regions = new Map(catalogue.regions.map((r) => [r.code, r.nameZh]));
        const rows = catalogue.targets.map((t) => ({
          indicator: names.get(t.indicatorCode),
          region: regions.get(t.regionCode),
          years: t.startYear === t.endYear ? String(t.startYear) : `${t.startYear}–${t.endYear}`,
          basis: t.basis,
          target: t.targetValue.toString(),
          direction: t.direction,
          source: t.source,
        }));
        ctx.stdout.write(
          formatRows(
            ['indicator', 'region', 'years', 'basis', 'target', 'direction', 'source'],
            rows,
            options.format,
          ),
        );
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
