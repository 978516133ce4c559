/**
 * `kpi query "<sql>"`: read-only SQL on the warehouse, as a table, CSV or JSON. A statement that
 * reaches beyond the warehouse is refused, saying so, with exit 1.
 */
import { Option, type Command } from '../commander.ts';
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
      const [{ QueryError }, { queryWarehouse }] = await Promise.all([
        import('../../core/query-error.ts'),
        import('../../pipelines/query-warehouse.ts'),
      ]);
      try {
        const { columns, rows } = await queryWarehouse(ctx.config, sql);
        ctx.stdout.write(formatRows(columns, rows as never, options.format));
      } catch (error) {
        if (error instanceof QueryError)
          throw new UserError(
            error.refused
              ? `refused: kpi query is read-only and reaches only the warehouse (no files, other databases, extensions or settings); 查询只读，不能访问仓库以外的文件、数据库或扩展 (${error.message})`
              : `SQL错误 (SQL error): ${error.message}`,
          );
        throw error;
      }
    });
}
