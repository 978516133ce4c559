/**
 * 通报: the report files in the reports folder, grouped by month. Only names of the form
 * `<name>-YYYY-MM.<ext>` found by listing the folder are offered, and a download is served only
 * by looking its name up in that listing — a request never becomes a path by itself.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parsePeriod, type Period } from '../core/period.ts';

/** The content type each downloadable format is served with. */
export const REPORT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

const REPORT_NAME = /^([a-z][a-z0-9_]*(?:-[a-z][a-z0-9_]*)*)-(\d{4}-\d{2})\.([a-z0-9]+)$/;

/** One report file. */
export interface ReportFile {
  readonly name: string;
  /** What the report is (`bulletin`, …), the part of the name before the month. */
  readonly stem: string;
  readonly month: Period;
  readonly format: string;
  readonly bytes: number;
  readonly absolutePath: string;
}

/**
 * Every regular file in `dir` with a report name and a known format, newest month first (links are
 * skipped, so nothing outside the folder is reachable); an absent folder has none.
 */
export function listReportFiles(dir: string): ReportFile[] {
  if (!existsSync(dir)) return [];
  const files: ReportFile[] = [];
  for (const name of readdirSync(dir)) {
    const match = REPORT_NAME.exec(name);
    const month = match ? parsePeriod(match[2]!) : null;
    if (!match || !month || !(match[3]! in REPORT_CONTENT_TYPES)) continue;
    const absolutePath = path.join(dir, name);
    const stat = lstatSync(absolutePath, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    files.push({
      name,
      stem: match[1]!,
      month,
      format: match[3]!,
      bytes: stat.size,
      absolutePath,
    });
  }
  return files.sort((a, b) => b.month.localeCompare(a.month) || a.name.localeCompare(b.name));
}
