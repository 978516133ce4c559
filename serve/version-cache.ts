/**
 * Pages are derived from views that DuckDB recomputes on every read (seconds for `completion`), but
 * the published file only changes by a rename. So what a page read is kept per file version — the
 * file's device, inode, size and modification time — and dropped as soon as that identity changes:
 * after a publish the next request reads the new file.
 */
import { statSync } from 'node:fs';

/** The identity of the file at `file` now, or null when there is none. */
export function fileIdentity(file: string): string | null {
  const stat = statSync(file, { throwIfNoEntry: false, bigint: true });
  return stat ? `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}` : null;
}

/** Results per key for one file version at a time. */
export interface VersionCache {
  /** The result for `key` read from the version `identity`, computed once (failures are not kept). */
  get<T>(identity: string, key: string, compute: () => Promise<T>): Promise<T>;
}

/** A cache holding at most `limit` results (the oldest dropped first). */
export function createVersionCache(limit = 200): VersionCache {
  let current: string | null = null;
  const entries = new Map<string, Promise<unknown>>();
  return {
    get<T>(identity: string, key: string, compute: () => Promise<T>): Promise<T> {
      if (identity !== current) {
        entries.clear();
        current = identity;
      }
      const hit = entries.get(key);
      if (hit) return hit as Promise<T>;
      const result = compute();
      entries.set(key, result);
      result.catch(() => {
        if (entries.get(key) === result) entries.delete(key);
      });
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
      return result;
    },
  };
}
