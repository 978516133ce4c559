/**
 * Temporary files of a warehouse (transcoded exports holding names and IDs, DuckDB's spill files)
 * live in one private folder beside it, `.<db name>.tmp/` (mode 0700), readable by the owner only. Each use
 * gets its own sub-folder, removed when done and, failing that, when the process exits; what a
 * killed process left is swept by the next run under the run lock.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The private temp folder of the warehouse at `dbPath`. */
export function privateTempRoot(dbPath: string): string {
  const resolved = path.resolve(dbPath);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.tmp`);
}

const live = new Set<string>();
let exitHookInstalled = false;

/**
 * A new, empty, owner-only folder under the warehouse's private temp folder. Remove it with
 * `removePrivateTempDir`; it is removed at process exit otherwise.
 *
 * @example
 * const scratch = createPrivateTempDir(config.db, 'export-');
 * try { transcode(file, path.join(scratch, 'utf8.csv')); } finally { removePrivateTempDir(scratch); }
 */
export function createPrivateTempDir(dbPath: string, prefix: string): string {
  const root = privateTempRoot(dbPath);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  const dir = mkdtempSync(path.join(root, prefix));
  live.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => live.forEach((d) => rmSync(d, { recursive: true, force: true })));
  }
  return dir;
}

/** Remove a folder made by `createPrivateTempDir`, with everything in it. */
export function removePrivateTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/**
 * Remove what earlier processes left in the private temp folder (a `kill -9` runs no exit hook).
 * Only under the run lock: no other process is using the folder then. Returns the names removed.
 */
export function sweepPrivateTemp(dbPath: string): string[] {
  const root = privateTempRoot(dbPath);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const left = names.filter((name) => !live.has(path.join(root, name)));
  for (const name of left) rmSync(path.join(root, name), { recursive: true, force: true });
  return left;
}
