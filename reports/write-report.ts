/**
 * Writes a month's reports (SPEC §9): the bulletin as Markdown, self-contained HTML, a print-ready
 * Excel workbook, a Word document and one PNG per chart; or the month's 审核 report (Markdown and
 * Excel). Same warehouse state (or vintage) → same Markdown bytes. Files, the statistician's text and
 * the log are this module's IO; everything it writes is built by pure functions.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AUDIT_FORMATS, type ReportFormat, type ReportKind } from '../core/output-formats.ts';
import type { Period } from '../core/period.ts';
import { buildAuditReport } from './audit/build-audit-report.ts';
import { buildAuditWorkbook } from './audit/build-audit-workbook.ts';
import { readAuditFindings } from '../warehouse/read-audit-findings.ts';
import { renderAuditMarkdown } from './audit/render-audit-markdown.ts';
import {
  buildBulletin,
  DEFAULT_BULLETIN_SETTINGS,
  type BulletinSettings,
} from './bulletin/build-bulletin.ts';
import { parsePeopleText, type PeopleText } from './bulletin/people-text.ts';
import { buildWorkbook } from './build-workbook.ts';
import { drawChartPngs } from './charts/draw-chart-pngs.ts';
import { DEFAULT_PERCENT_PLACES, type PercentPlaces } from '../figures/format-number.ts';
import { loadReportData } from './load-report-data.ts';
import type { ReportData } from './report-data.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { withVintage } from '../warehouse/with-vintage.ts';
import { OBSERVATION_SNAPSHOTS, withViewSnapshots } from '../warehouse/with-view-snapshots.ts';

export interface WriteReportOptions {
  /** Report month. */
  readonly period: Period;
  readonly formats: readonly ReportFormat[];
  readonly outDir: string;
  readonly kind?: ReportKind;
  /** Produce the report "as published" at this time: only values loaded by then, as they stood then. */
  readonly asOf?: Date;
  /** Config `deadline_day` (returns due on this day of the next month); default 5. */
  readonly deadlineDay?: number;
  /** Config `timezone`; the config's default when absent. */
  readonly timezone?: string;
  /** Decimals of percentages in sentences and in tables; default 1 and 2. */
  readonly percentPlaces?: PercentPlaces;
  /** Config `bulletin`: issuing unit, 期号, date, 舍位平衡. */
  readonly settings?: BulletinSettings;
  /** Folder of the statistician's monthly text files (`YYYY-MM.md`); none when unset. */
  readonly textDir?: string;
  /** Where notes for the run log go (a missing text file, a text file's problems). */
  readonly log?: (line: string) => void;
}

/** The statistician's text for `period`, or null (with a note in the log) when there is no file. */
async function readPeopleText(options: WriteReportOptions): Promise<PeopleText | null> {
  if (!options.textDir) return null;
  const file = path.join(options.textDir, `${options.period}.md`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    options.log?.(
      `通报：未找到${options.period}的主要工作情况和下步工作打算（${file}），本期通报不含这两部分`,
    );
    return null;
  }
  const parsed = parsePeopleText(text);
  for (const problem of parsed.problems) options.log?.(`通报：${file}：${problem}`);
  return parsed;
}

/**
 * Write the report of `options.kind` (default the bulletin) for `options.period` in each requested
 * format into `outDir` (`bulletin-YYYY-MM.md|html|xlsx|docx`, `bulletin-YYYY-MM-<chart>.png`,
 * `audit-YYYY-MM.md|xlsx`); resolves to the paths written, in the order requested.
 */
export async function writeReport(
  connection: DuckDBConnection,
  options: WriteReportOptions,
): Promise<string[]> {
  const data = await loadMonth(connection, options);
  return options.kind === 'audit'
    ? writeAuditFiles(connection, data, options, options.formats)
    : writeBulletinFiles(data, options);
}

/**
 * The bulletin in `options.formats`, then the month's 审核 report it cites (Markdown and Excel), from
 * one reading of the month: what the nightly run writes. Resolves to the paths written.
 */
export async function writeBulletinAndAudit(
  connection: DuckDBConnection,
  options: Omit<WriteReportOptions, 'kind'>,
): Promise<string[]> {
  const data = await loadMonth(connection, options);
  return [
    ...(await writeBulletinFiles(data, options)),
    ...(await writeAuditFiles(connection, data, options, AUDIT_FORMATS)),
  ];
}

/** The month's data, as of `options.asOf` when given. */
function loadMonth(connection: DuckDBConnection, options: WriteReportOptions): Promise<ReportData> {
  // The month's data reads `observation` and `completion` (which derives it again): held once each, with their shared steps.
  return withVintage(connection, options.asOf, () =>
    withViewSnapshots(connection, OBSERVATION_SNAPSHOTS, () =>
      loadReportData(connection, {
        period: options.period,
        deadlineDay: options.deadlineDay,
        timezone: options.timezone,
      }),
    ),
  );
}

/** When the data was loaded: the stamp the workbooks carry. */
const stampOf = (data: ReportData) =>
  new Date(`${(data.dataAsOf ?? `${data.year}-01-01 00:00`).replace(' ', 'T')}:00+08:00`);

/** The month's 审核 report in `formats` (Markdown, Excel). */
async function writeAuditFiles(
  connection: DuckDBConnection,
  data: ReportData,
  options: WriteReportOptions,
  formats: readonly ReportFormat[],
): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const findings = await withVintage(connection, options.asOf, () =>
    readAuditFindings(connection, options.period),
  );
  const report = buildAuditReport(data, findings);
  const written: string[] = [];
  for (const format of [...new Set(formats)]) {
    const out = path.join(options.outDir, `audit-${options.period}.${format}`);
    if (format === 'md') await writeFile(out, renderAuditMarkdown(report), 'utf8');
    else if (format === 'xlsx') await buildAuditWorkbook(report, stampOf(data)).xlsx.writeFile(out);
    else throw new RangeError(`the audit report is written as ${AUDIT_FORMATS.join(', ')}, not ${format}`);
    written.push(out);
  }
  return written;
}

/** The bulletin in `options.formats`, the chart PNGs drawn in workers meanwhile. */
async function writeBulletinFiles(data: ReportData, options: WriteReportOptions): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  const file = (name: string) => path.join(options.outDir, name);
  const stamp = stampOf(data);
  const bulletin = buildBulletin(data, {
    percentPlaces: options.percentPlaces ?? DEFAULT_PERCENT_PLACES,
    settings: options.settings ?? DEFAULT_BULLETIN_SETTINGS,
    peopleText: await readPeopleText(options),
  });
  const formats = [...new Set(options.formats)];
  // The charts are drawn in a worker while Markdown and HTML are written; Excel, Word and PNG wait for them.
  const pngs = formats.some((f) => f === 'xlsx' || f === 'docx' || f === 'png')
    ? drawChartPngs(bulletin.charts)
    : null;
  pngs?.catch(() => {}); // a failure is thrown where a format awaits it
  for (const format of formats) {
    const out = file(`bulletin-${options.period}.${format}`);
    switch (format) {
      case 'md':
        await writeFile(out, renderMarkdown(bulletin), 'utf8');
        break;
      case 'html':
        await writeFile(out, renderHtml(bulletin), 'utf8');
        break;
      case 'xlsx':
        await buildWorkbook(bulletin, stamp, await pngs!).xlsx.writeFile(out);
        break;
      case 'docx':
        await writeFile(out, await renderDocx(bulletin, await pngs!));
        break;
      case 'png': {
        const drawn = await pngs!;
        for (const c of bulletin.charts) {
          const chartFile = file(`bulletin-${options.period}-${c.key}.png`);
          await writeFile(chartFile, drawn(c));
          written.push(chartFile);
        }
        continue;
      }
    }
    written.push(out);
  }
  return written;
}
