/**
 * Reads the catalogue files from disk and validates them. The bundled catalogue lives beside this
 * module; a deployment adds its own target files (district 任务分解) through the config.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Catalogue } from './catalogue.ts';
import { parseCatalogue } from './parse-catalogue.ts';
import type { CatalogueProblem } from './read-entries.ts';

/** Folder of the bundled catalogue (indicators.json, regions.json, targets.json). */
export const BUNDLED_CATALOGUE_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface CatalogueLocation {
  /** Folder holding indicators.json, regions.json and targets.json. */
  readonly dir?: string;
  /** More target files in the same format (district targets). */
  readonly extraTargetFiles?: readonly string[];
}

/** Load and validate; throws `CatalogueError` listing every problem when the files are not valid. */
export async function loadCatalogue(location: CatalogueLocation = {}): Promise<Catalogue> {
  const dir = location.dir ?? BUNDLED_CATALOGUE_DIR;
  const read = async (file: string, loaded = false) => ({
    name: file,
    text: await readFile(file, 'utf8'),
    loaded,
  });
  const result = parseCatalogue({
    indicators: await read(path.join(dir, 'indicators.json')),
    regions: await read(path.join(dir, 'regions.json')),
    targets: await Promise.all([
      read(path.join(dir, 'targets.json')),
      ...(location.extraTargetFiles ?? []).map((file) => read(file, true)),
    ]),
  });
  if (!result.value) throw new CatalogueError(result.problems);
  return result.value;
}

/** The catalogue files are invalid; `problems` lists all of them. */
export class CatalogueError extends Error {
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(
      `the catalogue has ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${p.file} ${p.path.join('.')}: ${p.message}`).join('\n'),
    );
    this.name = 'CatalogueError';
  }
}
