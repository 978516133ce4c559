/**
 * The nightly run's folders: files arrive in the inbox; accepted ones go to `archive/<YYYY-MM>/`
 * under their content hash, rejected ones to `rejected/` with a readable and a JSON error report.
 * Nothing is deleted or overwritten: a file leaves the inbox only once its copy is on disk.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { FileOutcome } from '../core/file-outcome.ts';
import { findingLine } from '../core/format-finding.ts';

/** Files under `dir` (recursively; hidden entries skipped), in a stable, month-aware order. */
export function listFiles(dir: string): string[] {
  const collator = new Intl.Collator('zh', { numeric: true });
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      collator.compare(a.name, b.name),
    )) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** Files waiting in the inbox, in the order `listFiles` gives. */
export function listInbox(inbox: string): string[] {
  return existsSync(inbox) ? listFiles(inbox) : [];
}

/** Move an accepted file to `archive/<period or 'exports'>/<hash prefix>_<name>`; returns the new path. */
export function archiveFile(file: string, outcome: FileOutcome, archiveDir: string): string {
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  const dir = path.join(archiveDir, outcome.period ?? 'exports');
  return moveWithoutOverwrite(file, path.join(dir, `${hash}_${path.basename(file)}`));
}

/** Move a rejected file to `rejected/` with `<name>.errors.txt` and `<name>.errors.json` beside it. */
export function rejectFile(file: string, outcome: FileOutcome, rejectedDir: string): string {
  const target = moveWithoutOverwrite(file, path.join(rejectedDir, path.basename(file)));
  const lines = [
    `文件 ${path.basename(file)} 未通过审核，未入库。`,
    `File rejected; nothing of it was loaded. Fix every point below and send it again.`,
    '',
    ...outcome.errors.map((e, i) => `${i + 1}. ${findingLine(e)}`),
    ...(outcome.warnings.length
      ? ['', 'Warnings:', ...outcome.warnings.map((w) => `- ${findingLine(w)}`)]
      : []),
  ];
  writeFileSync(`${target}.errors.txt`, lines.join('\n') + '\n');
  writeFileSync(`${target}.errors.json`, JSON.stringify(outcome, null, 2) + '\n');
  return target;
}

/** Copy, flush, then remove the original; a name already taken gets a numbered suffix. */
function moveWithoutOverwrite(file: string, wanted: string): string {
  mkdirSync(path.dirname(wanted), { recursive: true });
  const ext = path.extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  const content = readFileSync(file);
  let target = wanted;
  for (let n = 2; existsSync(target); n++) {
    // The same bytes are already kept under this name (a file sent twice): keep one copy.
    if (readFileSync(target).equals(content)) {
      unlinkSync(file);
      return target;
    }
    target = `${stem} (${n})${ext}`;
  }
  copyFileSync(file, target);
  const fd = openSync(target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(file);
  return target;
}
