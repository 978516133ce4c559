/**
 * The `kpi` command line (SPEC §10). Each command lives in `cli/commands/`; this file wires them,
 * the global options and the exit codes: 0 success, 1 failure, 2 usage error. A failure prints one
 * line, national IDs masked; the stack trace only with `--debug`. Startup loads only commander and
 * the command definitions; config, DuckDB, exceljs and the rest are imported by the command that
 * runs, so `kpi --help` stays instant.
 */
import { Command, CommanderError } from './commander.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import type { CommandContext, GlobalOptions } from './command-context.ts';
import { registerAlerts } from './commands/alerts.ts';
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
import { registerTargets } from './commands/targets.ts';
import { registerServe } from './commands/serve.ts';
import { UserError } from './user-error.ts';

/** Run the CLI with `argv` (as `process.argv`); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const program = new Command('kpi')
    .description('KPI warehouse for monthly HR & social-security statistics')
    .option('--db <path>', 'warehouse file (default: config `db`, else $KPI_DB, else ./kpi.duckdb)')
    .option('--config <path>', 'config file (default: ./kpi.config.json if present)')
    .option('--debug', 'print the stack trace of a failure')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError()
    // Every subcommand's help lists --db and --config too: they are what a person gets wrong first.
    .configureHelp({ showGlobalOptions: true });
  // The context (config loading, zod) is imported before a command's action runs, and built when
  // the action first asks for it, so config errors still come after the command's usage checks.
  let contextModule: typeof import('./command-context.ts') | undefined;
  program.hook('preAction', async () => {
    contextModule ??= await import('./command-context.ts');
  });
  let context: CommandContext | undefined;
  const getContext = () =>
    (context ??= contextModule!.createCommandContext(program.opts<GlobalOptions>(), io));
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
    registerTargets,
    registerServe,
    registerAlerts,
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
    const debug = argv.includes('--debug');
    const say = (text: string) => io.stderr.write(`kpi: ${maskNationalIds(text)}\n`);
    if (debug) say((error as Error).stack ?? String(error));
    if (error instanceof UserError) {
      if (!debug) say(error.message);
      return error.exitCode;
    }
    const [
      { ConfigError },
      { CatalogueError },
      { RunLockedError },
      { NoWarehouseError },
      { NoDataError },
      { NotAWarehouseError },
      { describeFailure },
    ] = await Promise.all([
      import('../core/config.ts'),
      import('../catalogue/load-catalogue.ts'),
      import('../pipelines/run-lock.ts'),
      import('../core/no-warehouse-error.ts'),
      import('../pipelines/write-month-report.ts'),
      import('../core/not-a-warehouse-error.ts'),
      import('../core/describe-failure.ts'),
    ]);
    if (
      error instanceof ConfigError ||
      error instanceof CatalogueError ||
      error instanceof RunLockedError ||
      error instanceof NoWarehouseError ||
      error instanceof NoDataError ||
      error instanceof NotAWarehouseError
    ) {
      if (!debug) say(error.message);
      return 1;
    }
    if (!debug) say(`${describeFailure(error)}（kpi --debug … 显示详情）`);
    return 1;
  }
}
