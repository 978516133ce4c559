/**
 * A worker thread running one of the product's modules: the compiled `.js` from `dist/`, or the
 * `.ts` source through tsx when the caller runs from source (tests, `npx tsx`). A worker does not
 * take the parent's loader, so the source case registers tsx inside the worker first.
 */
import { Worker } from 'node:worker_threads';
import { isCompiled } from './sibling-module.ts';

/** Start a worker on the module `relative` (written with `.ts`), resolved against `baseUrl` (`import.meta.url`). */
export function startModuleWorker(relative: string, baseUrl: string): Worker {
  if (isCompiled(baseUrl)) return new Worker(new URL(relative.replace(/\.ts$/, '.js'), baseUrl));
  const entry = JSON.stringify(new URL(relative, baseUrl).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
  });
}
