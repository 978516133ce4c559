/**
 * `require` for a CommonJS package the build bundles into one file (scripts/build.js writes
 * `dist/vendor/<name>.cjs`): a package of many modules loads in about a third of the time as one
 * file. Run from source, where there is no bundle, the package itself is loaded. `require` rather
 * than an ESM `import`, which would make Node scan every re-exported file for export names.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The package `name`, from its bundle `dist/vendor/<bundle>.cjs` when the build made one. */
export function requireVendored<T>(name: string, bundle: string): T {
  const bundled = fileURLToPath(new URL(`../vendor/${bundle}.cjs`, import.meta.url));
  return createRequire(import.meta.url)(existsSync(bundled) ? bundled : name) as T;
}
