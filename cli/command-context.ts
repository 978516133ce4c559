/**
 * What every command shares: the global options (`--db`, `--config`), the loaded config and
 * catalogue, and the output streams. Commands receive it instead of reading globals.
 */
import type { Writable } from 'node:stream';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadConfig, type Config } from '../core/config.ts';

export interface GlobalOptions {
  readonly db?: string;
  readonly config?: string;
}

export interface CommandContext {
  readonly config: Config;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** The catalogue named by the config, validated. */
  catalogue(): Promise<Catalogue>;
}

/** Build the context from the global options. */
export function createCommandContext(
  options: GlobalOptions,
  io: { stdout: Writable; stderr: Writable },
): CommandContext {
  const config = loadConfig({ configPath: options.config, db: options.db });
  let catalogue: Promise<Catalogue> | undefined;
  return {
    config,
    stdout: io.stdout,
    stderr: io.stderr,
    catalogue() {
      // Imported here, not at the top: only the commands that use the catalogue pay for loading it.
      catalogue ??= import('../catalogue/load-catalogue.ts').then(({ loadCatalogue }) =>
        loadCatalogue({ dir: config.catalogue_dir, extraTargetFiles: config.target_files }),
      );
      return catalogue;
    },
  };
}
