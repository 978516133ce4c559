/** `kpi query "<sql>"`: read-only SQL on the warehouse, as a table, CSV or JSON. */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';
import { formatRows, type RowFormat } from '../format-rows.ts';

export function registerQuery(program: Command, context: () => CommandContext): void {
  program
    .command('query')
    .description('run read-only SQL on the warehouse')
    .argument('<sql>', 'the query')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .action(async (sql: string, options: { format: RowFormat }) => {
      const ctx = context();
      if (!existsSync(ctx.config.db))
        throw new UserError(`no warehouse at ${ctx.config.db}; run \`kpi init\` first`);
      const { withWarehouse } = await import('../../warehouse/open-warehouse.ts');
      await withWarehouse(ctx.config.db, { readOnly: true }, async (w) => {
        let reader;
        try {
          reader = await w.connection.runAndReadAll(sql);
        } catch (error) {
          throw new UserError(`SQL error: ${(error as Error).message}`);
        }
        ctx.stdout.write(formatRows(reader.columnNames(), reader.getRowObjectsJson(), options.format));
      });
    });
}
