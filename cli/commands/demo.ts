/**
 * `kpi demo`: writes the sample 2022 year of district returns into a folder (default ./demo) and runs
 * the pipeline month by month as the bureau would, then says where the warehouse and bulletins are.
 */
import type { Command } from 'commander';
import { runDemo } from '../../pipelines/run-demo.ts';
import type { CommandContext } from '../command-context.ts';

export function registerDemo(program: Command, context: () => CommandContext): void {
  program
    .command('demo')
    .description('generate the sample 2022 year and run the pipeline month by month into ./demo')
    .option('--out <dir>', 'folder for the demo (warehouse, inbox, archive, bulletins)', 'demo')
    .option('--months <n>', 'run only the first n months', (v) => Number.parseInt(v, 10), 12)
    .action(async (options: { out: string; months: number }) => {
      const ctx = context();
      await runDemo({ outDir: options.out, months: options.months, stdout: ctx.stdout });
    });
}
