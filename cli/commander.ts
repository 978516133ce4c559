/**
 * commander, loaded with `require`: it is a CommonJS package, and an ESM `import` of it makes Node
 * scan its files for export names on every `kpi` start. Import its values from here.
 */
import { createRequire } from 'node:module';

const commander = createRequire(import.meta.url)('commander') as typeof import('commander');

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = import('commander').Command;
export type CommanderError = import('commander').CommanderError;
export type InvalidArgumentError = import('commander').InvalidArgumentError;
export type Option = import('commander').Option;
