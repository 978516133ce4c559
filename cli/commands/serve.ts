/**
 * `kpi serve`: the board in a browser, read-only over the published warehouse, until Ctrl-C or
 * SIGTERM. Listens on 127.0.0.1 unless `--host` opens it to the office network.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { maskNationalIds } from '../../core/mask-national-ids.ts';
import { InvalidArgumentError, type Command } from '../commander.ts';
import type { CommandContext } from '../command-context.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('a port is a number from 0 to 65535');
  return port;
}

/** Register `kpi serve [--port N] [--host H] [--reports DIR]` on `program`. */
export function registerServe(program: Command, context: () => CommandContext): void {
  program
    .command('serve')
    .description(
      'serve the read-only board (报送情况, 完成进度, 指标, 审核, 通报) over the published warehouse',
    )
    .option('--port <n>', 'port to listen on', parsePort, 8080)
    .option('--host <host>', 'address to listen on (0.0.0.0 for the office network)', '127.0.0.1')
    .option('--reports <dir>', 'folder of the bulletins (default: config `reports`)')
    .action(async (options: { port: number; host: string; reports?: string }) => {
      const ctx = context();
      if (!existsSync(ctx.config.db)) {
        const { NoWarehouseError } = await import('../../core/no-warehouse-error.ts');
        throw new NoWarehouseError(ctx.config.db);
      }
      const reports = path.resolve(options.reports ?? ctx.config.reports);
      // Loaded here, not at start-up: the board (and its chart library) costs every other command nothing.
      const { startBoardServer } = await import('../../serve/start-board-server.ts');
      const server = await startBoardServer({
        db: path.resolve(ctx.config.db),
        timezone: ctx.config.timezone,
        reports,
        host: options.host,
        port: options.port,
        log: (line) => ctx.stderr.write(`${maskNationalIds(line)}\n`),
      });
      ctx.stdout.write(
        `kpi serve: ${server.url}/ (warehouse ${ctx.config.db}, read-only; bulletins ${reports}); stop with Ctrl-C\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
