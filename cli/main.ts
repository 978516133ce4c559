/**
 * The `kpi` command line (SPEC §10). Each command lives in `cli/commands/`; this file wires them,
 * the global options and the exit codes: 0 success, 1 failure, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { CatalogueError } from '../catalogue/load-catalogue.ts';
import { ConfigError } from '../core/config.ts';
import { NoWarehouseError } from '../pipelines/read-published.ts';
import { RunLockedError } from '../pipelines/run-lock.ts';
import {
  createCommandContext,
  UserError,
  type CommandContext,
  type GlobalOptions,
} from './command-context.ts';
import { registerCatalogue } from './commands/catalogue.ts';
import { registerCheck } from './commands/check.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerInit } from './commands/init.ts';
import { registerQuery } from './commands/query.ts';
import { registerReport } from './commands/report.ts';
import { registerRun } from './commands/run.ts';
import { registerSchedule } from './commands/schedule.ts';

/** Run the CLI with `argv` (as `process.argv`); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const program = new Command('kpi')
    .description('KPI warehouse for monthly HR & social-security statistics')
    .option('--db <path>', 'warehouse file (default: config `db`, else $KPI_DB, else ./kpi.duckdb)')
    .option('--config <path>', 'config file (default: ./kpi.config.json if present)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError();
  let context: CommandContext | undefined;
  const getContext = () => (context ??= createCommandContext(program.opts<GlobalOptions>(), io));
  const commands = [
    registerInit,
    registerIngest,
    registerQuery,
    registerCatalogue,
    registerReport,
    registerCheck,
    registerExport,
    registerRun,
    registerDemo,
    registerSchedule,
  ];
  for (const register of commands) register(program, getContext);
  program.commands.forEach((c) => c.exitOverride());

  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      return 2;
    }
    if (error instanceof UserError) {
      io.stderr.write(`kpi: ${error.message}\n`);
      return error.exitCode;
    }
    if (
      error instanceof ConfigError ||
      error instanceof CatalogueError ||
      error instanceof RunLockedError ||
      error instanceof NoWarehouseError
    ) {
      io.stderr.write(`kpi: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`kpi: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
