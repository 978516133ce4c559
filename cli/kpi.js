#!/usr/bin/env node
// The `kpi` command. `npm install` builds the TypeScript sources into dist/ once (the `prepare`
// script, scripts/build.js), so a start loads plain JavaScript. When dist/ is missing or older than
// a source file (a fresh checkout, an edit), the sources run through tsx instead: slower to start,
// never stale.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Whether dist/ was built after the last change to any source file it is built from. */
function distIsFresh() {
  const stamp = path.join(root, 'dist', 'build-stamp');
  if (!existsSync(stamp)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  const { include } = JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8'));
  return include.every((folder) =>
    readdirSync(path.join(root, folder), { recursive: true }).every(
      (file) => statSync(path.join(root, folder, file)).mtimeMs <= builtAt,
    ),
  );
}

// `kpi query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
let main;
if (distIsFresh()) ({ main } = await import('../dist/cli/main.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv);
