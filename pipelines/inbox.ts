/**
 * The nightly run's folders: files arrive in the inbox; accepted ones go to `archive/<YYYY-MM>/`
 * under their content hash, rejected ones to `rejected/` with a readable and a JSON error report.
 * Nothing is deleted or overwritten: a file leaves the inbox only once its copy is on disk. Every
 * file of the inbox is listed, hidden ones included (an unknown file is rejected, never skipped);
 * kept names fit any file system (long ones are shortened with a hash) and show no ID, and what is kept is
 * readable by the owner only (files 0600, folders 0700): raw exports hold personal data.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { FileOutcome } from '../core/file-outcome.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import { findingLine } from '../core/format-finding.ts';

/** Files under `dir` (recursively, hidden ones included), in a stable, month-aware order. */
export function listFiles(dir: string): string[] {
  const collator = new Intl.Collator('zh', { numeric: true });
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      collator.compare(a.name, b.name),
    )) {
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
  return moveWithoutOverwrite(file, path.join(dir, keptName(`${hash}_${path.basename(file)}`)));
}

/** Move a rejected file to `rejected/` with `<name>.errors.txt` and `<name>.errors.json` beside it. */
export function rejectFile(file: string, outcome: FileOutcome, rejectedDir: string): string {
  const target = moveWithoutOverwrite(file, path.join(rejectedDir, keptName(path.basename(file))));
  const lines = [
    `文件 ${path.basename(file)} 未通过审核，未入库。`,
    `本文件已退回，其中数据均未入库。请逐条修改以下问题后重新报送。`,
    '',
    ...outcome.errors.map((e, i) => `${i + 1}. ${findingLine(e)}`),
    ...(outcome.warnings.length
      ? ['', 'Warnings:', ...outcome.warnings.map((w) => `- ${findingLine(w)}`)]
      : []),
  ];
  writeFileSync(`${target}.errors.txt`, maskNationalIds(lines.join('\n') + '\n'), { mode: 0o600 });
  writeFileSync(`${target}.errors.json`, maskNationalIds(JSON.stringify(outcome, null, 2) + '\n'), {
    mode: 0o600,
  });
  return target;
}

/** The name a file is kept under: an ID in it masked (the name is read by people), short enough. */
const keptName = (name: string) => safeFileName(maskNationalIds(name));

/** Longest kept name, in UTF-8 bytes: room for ` (n)` and `.errors.json` under the usual 255. */
const MAX_NAME_BYTES = 200;

/**
 * `name` if it fits `MAX_NAME_BYTES`, else its beginning, `~`, a hash of the whole name and its
 * extension: distinct names stay distinct, and the start still says what the file was.
 */
export function safeFileName(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const ext = path.extname(name);
  const keepExt = Buffer.byteLength(ext) <= 16 ? ext : '';
  const tag = `~${createHash('sha256').update(name).digest('hex').slice(0, 10)}${keepExt}`;
  let stem = '';
  for (const char of name.slice(0, name.length - keepExt.length)) {
    if (Buffer.byteLength(stem + char) + Buffer.byteLength(tag) > MAX_NAME_BYTES) break;
    stem += char;
  }
  return stem + tag;
}

/** Copy (owner-only), flush, then remove the original; a name already taken gets a numbered suffix. */
function moveWithoutOverwrite(file: string, wanted: string): string {
  mkdirSync(path.dirname(wanted), { recursive: true, mode: 0o700 });
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
  // Created 0600 from the start: no moment in which others could read the copy.
  const fd = openSync(target, 'wx', 0o600);
  try {
    for (let at = 0; at < content.length;) at += writeSync(fd, content, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(file);
  return target;
}
