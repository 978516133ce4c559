#!/usr/bin/env node
/**
 * `npm run build` (also the `prepare` script, so `npm install` and `npm ci` run it): compiles the
 * product's TypeScript into dist/ with tsc, copies the data files beside it (catalogue, export
 * definitions), bundles DuckDB's client and exceljs into one file each (dist/vendor/), and stamps
 * the build. `cli/kpi.js` runs dist/ while the stamp is newer than every source file, so the CLI
 * starts without compiling anything.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const { include } = JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8'));

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const folder of include)
  cpSync(path.join(root, folder), path.join(dist, folder), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
// CommonJS packages of many modules, bundled into one file each (`core/require-vendored.ts` loads
// them): @duckdb/node-api (some forty modules; its native binding stays a package) and exceljs with
// its dependencies (some two hundred).
const { buildSync } = await import('esbuild');
const vendored = [
  { name: '@duckdb/node-api', bundle: 'duckdb-node-api', external: ['@duckdb/node-bindings'] },
  { name: 'exceljs', bundle: 'exceljs', external: [] },
];
for (const { name, bundle, external } of vendored)
  buildSync({
    entryPoints: [createRequire(import.meta.url).resolve(name)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external,
    outfile: path.join(dist, 'vendor', `${bundle}.cjs`),
    logLevel: 'warning',
  });
writeFileSync(path.join(dist, 'build-stamp'), `${new Date().toISOString()}\n`);
