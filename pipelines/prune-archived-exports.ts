/**
 * Retention of archived system exports (`export_retention_months`, default 13): a raw export holds
 * names and IDs in clear, so once its archived copy is older than that a run deletes it and says so.
 * District returns in the archive are kept.
 */
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { addMonths, type Period } from '../core/period.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { readExportHashes } from '../warehouse/read-export-hashes.ts';
import type { RunLog } from './run-log.ts';

/** Archived names start with the content hash's first 12 hex digits (see `archiveFile`). */
const PREFIX = /^([0-9a-f]{12})_/;

/**
 * Delete archived exports under `archive` whose copy was archived before `months` months before
 * `now`; resolves to the deleted paths (logged in Chinese when there are any).
 */
export async function pruneArchivedExports(options: {
  db: string;
  archive: string;
  months: number;
  now: Date;
  log: RunLog;
}): Promise<string[]> {
  const files = archivedFiles(options.archive);
  if (files.length === 0 || !existsSync(options.db)) return [];
  const exports = await withWarehouse(options.db, { readOnly: true }, ({ connection }) =>
    readExportHashes(connection, 12),
  );
  const cutoff = monthsBefore(options.now, options.months);
  const old = files.filter((file) => {
    const prefix = PREFIX.exec(path.basename(file))?.[1];
    return prefix !== undefined && exports.has(prefix) && statSync(file).mtime < cutoff;
  });
  for (const file of old) unlinkSync(file);
  if (old.length > 0)
    options.log.emit({
      event: 'message',
      text: `已删除超过保存期限（${options.months}个月）的系统导出存档${old.length}个：${old.map((f) => path.relative(options.archive, f)).join('、')}`,
    });
  return old;
}

function archivedFiles(archive: string): string[] {
  try {
    return readdirSync(archive, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/** The instant `months` calendar months before `now` (same day and time, clamped to the month's end). */
function monthsBefore(now: Date, months: number): Date {
  const period = addMonths(now.toISOString().slice(0, 7) as Period, -months);
  const [year, month] = period.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(year, month - 1, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}
