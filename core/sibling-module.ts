/**
 * The file of another module of the product, for a child process to load: the `.ts` source when the
 * caller runs from source (tsx, tests), the compiled `.js` when it runs from `dist/` (the built CLI).
 */
import { fileURLToPath } from 'node:url';

/** Whether the module at `baseUrl` is compiled JavaScript (running from `dist/`). */
export function isCompiled(baseUrl: string): boolean {
  return baseUrl.endsWith('.js');
}

/** Path of the module `relative` (written with `.ts`) resolved against `baseUrl` (`import.meta.url`). */
export function siblingModule(relative: string, baseUrl: string): string {
  const file = isCompiled(baseUrl) ? relative.replace(/\.ts$/, '.js') : relative;
  return fileURLToPath(new URL(file, baseUrl));
}
