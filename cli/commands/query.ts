/**
 * `kpi query "<sql>"`: read-only SQL on the warehouse, as a table, CSV or JSON. The session is
 * sandboxed (SPEC §10): it cannot write the warehouse or any file, read files, attach databases,
 * install or load extensions, or change its own settings; such a statement fails with exit 1.
 */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { UserError, type CommandContext } from '../command-context.ts';
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
      await withWarehouse(ctx.config.db, { sandboxed: true }, async (w) => {
        let reader;
        try {
          reader = await w.connection.runAndReadAll(sql);
        } catch (error) {
          throw new UserError(queryErrorMessage((error as Error).message));
        }
        ctx.stdout.write(formatRows(reader.columnNames(), reader.getRowObjectsJson(), options.format));
      });
    });
}

/** DuckDB's first line, with what the refusal means when the statement tried to leave the sandbox. */
function queryErrorMessage(duckdbMessage: string): string {
  const first = duckdbMessage.split('\n')[0]!;
  const refused =
    /^Permission Error|configuration has been locked|read-only mode|disabled (by|through) configuration/.test(
      first,
    );
  return refused
    ? `refused: kpi query is read-only and reaches only the warehouse (no files, other databases, extensions or settings); 查询只读，不能访问仓库以外的文件、数据库或扩展 (${first})`
    : `SQL error: ${first}`;
}
