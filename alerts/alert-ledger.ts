/**
 * What was already announced, kept beside the warehouse in `.<db name>.alerts.json` (0600) rather
 * than in it: a run that fails before publishing leaves the warehouse as it was but the ledger
 * remembers what it sent, so a late district is not announced twice because the night went wrong.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Key → the instant it was announced (ISO). */
export type AlertLedger = Readonly<Record<string, string>>;

/** Entries older than this are dropped when the ledger is written (a month's keys matter for weeks). */
const KEEP_DAYS = 400;

/** The ledger file of the warehouse at `db`. */
export function alertLedgerPath(db: string): string {
  const resolved = path.resolve(db);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.alerts.json`);
}

/** The ledger, empty when there is none yet or it cannot be read (then alerts repeat rather than vanish). */
export function readAlertLedger(file: string): AlertLedger {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as AlertLedger) : {};
  } catch {
    return {};
  }
}

/** Add `keys` sent at `now` and write the ledger atomically, owner-only. */
export function writeAlertLedger(
  file: string,
  ledger: AlertLedger,
  keys: readonly string[],
  now: Date,
): void {
  const oldest = now.getTime() - KEEP_DAYS * 86_400_000;
  const kept = Object.entries(ledger).filter(([, at]) => Date.parse(at) >= oldest);
  const next = Object.fromEntries([...kept, ...keys.map((key) => [key, now.toISOString()])]);
  const temp = `${file}.${process.pid}.new`;
  writeFileSync(temp, JSON.stringify(next, null, 1) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
