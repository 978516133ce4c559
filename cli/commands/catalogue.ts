/**
 * `kpi catalogue`: list the indicators, or with `--targets` the targets the warehouse holds (with
 * issuer, due month and the plan each comes from; the catalogue's own when there is no warehouse yet).
 */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import type { CommandContext } from '../command-context.ts';
import { formatRows, type RowFormat } from '../format-rows.ts';

const TARGET_COLUMNS = [
  'indicator',
  'region',
  'years',
  'issuer',
  'due',
  'basis',
  'target',
  'direction',
  'approximate',
  'source',
  'overrides',
  'loaded_from',
];

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
        ctx.stdout.write(formatRows(TARGET_COLUMNS, await listTargets(ctx), options.format));
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

/** Target rows for listing: from the warehouse when it exists (loaded targets included), else the catalogue files. */
async function listTargets(ctx: CommandContext): Promise<Record<string, unknown>[]> {
  if (existsSync(ctx.config.db))
    return withWarehouse(ctx.config.db, { readOnly: true }, async ({ connection }) => {
      const reader = await connection.runAndReadAll(
        `SELECT i.name_zh AS indicator, r.name_zh AS region,
           CASE WHEN t.start_year = t.end_year THEN CAST(t.start_year AS VARCHAR)
             ELSE t.start_year || '–' || t.end_year END AS years,
           t.issuer, strftime(t.due_period, '%Y-%m') AS due, t.basis, CASE WHEN t.target_value = 0 THEN '0'
             ELSE rtrim(rtrim(CAST(t.target_value AS VARCHAR), '0'), '.') END AS target,
           t.direction, CASE WHEN t.approximate THEN '约数' ELSE '' END AS approximate, t.source,
           coalesce(t.overrides, '') AS overrides, t.loaded_from
         FROM target t JOIN indicator i USING (indicator_code) JOIN region r USING (region_code)
         ORDER BY t.region_code, i.category, t.indicator_code, t.start_year, t.end_year, t.issuer`,
      );
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    });
  const catalogue = await ctx.catalogue();
  const names = new Map(catalogue.indicators.map((i) => [i.code, i.nameZh]));
  const regions = new Map(catalogue.regions.map((r) => [r.code, r.nameZh]));
  return catalogue.targets.map((t) => ({
    indicator: names.get(t.indicatorCode),
    region: regions.get(t.regionCode),
    years: t.startYear === t.endYear ? String(t.startYear) : `${t.startYear}–${t.endYear}`,
    issuer: t.issuer,
    due: t.duePeriod,
    basis: t.basis,
    target: t.targetValue.toString(),
    direction: t.direction,
    approximate: t.approximate ? '约数' : '',
    source: t.source,
    overrides: t.overrides ?? '',
    loaded_from: t.loadedFrom,
  }));
}
