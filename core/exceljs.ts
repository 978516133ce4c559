/**
 * exceljs's `Workbook`, loaded with `require`. exceljs is a CommonJS package of some two hundred
 * modules with its dependencies; the build (scripts/build.js) bundles them into one file beside the
 * compiled sources, which loads in about a third of the time (0.11 s against 0.35 s here), and every
 * child that reads a return and every bulletin pays that load. Run from source, the package itself
 * is loaded. Import the values from here; types come from the package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundled = fileURLToPath(new URL('../vendor/exceljs.cjs', import.meta.url));
const exceljs = createRequire(import.meta.url)(
  existsSync(bundled) ? bundled : 'exceljs',
) as typeof import('exceljs');

export const { Workbook } = exceljs;
export type Workbook = import('exceljs').Workbook;
