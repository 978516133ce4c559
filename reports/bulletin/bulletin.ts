/**
 * The bulletin model (月度通报, SPEC §9, form of seed 003): every word and every printed number of a
 * month's bulletin, decided once. Markdown, HTML, Excel and Word only lay it out; none recomputes.
 */
import type { BulletinChart } from './bulletin-charts.ts';
import type { ReportIndicator } from '../report-data.ts';

/**
 * A table cell as printed: `text` for documents; for numbers also the printed `value` (in the
 * column's unit, already rounded) and an Excel number format, so the workbook holds what is printed.
 */
export interface TableCell {
  readonly text: string;
  readonly value?: number;
  readonly numFmt?: string;
}

/** A table: header, rows of cells, and which rows are marked (behind schedule or short of target). */
export interface TextTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  readonly marked: readonly boolean[];
  /** Columns whose filled cells carry the mark in a marked row. */
  readonly markColumns: readonly number[];
  /** 尾差 note, when printed parts do not add to the printed total. */
  readonly note: string | null;
}

/**
 * Whether the cell at row `k`, column `col` of `t` carries the mark: a mark column of a marked row
 * holding a figure or a verdict (否), not "—" or nothing. Every format marks the same cells.
 */
export function isMarkedCell(t: TextTable, k: number, col: number): boolean {
  const text = t.rows[k]?.[col]?.text ?? '';
  return t.marked[k] === true && t.markColumns.includes(col) && text !== '—' && text !== '';
}

/** A district ranking for one indicator. */
export interface RankingTable extends TextTable {
  readonly indicator: ReportIndicator;
  readonly caption: string;
}

/** One themed item of 一、重要指标完成情况: "一是{headline}。{sentences}". */
export interface KeyItem {
  /** "城镇新增就业快于时序进度" */
  readonly headline: string;
  /** Sentences with their closing 。 */
  readonly sentences: readonly string[];
}

/** The bulletin's masthead: issuing unit, 期号 and date come from the config. */
export interface Masthead {
  readonly title: string;
  readonly issuer: string;
  /** 期号, e.g. "2022年第10期". */
  readonly issueNumber: string;
  /** 2022年11月10日 */
  readonly issueDate: string;
  /** 2022年1-10月 */
  readonly periodLabel: string;
}

/** 慢于时序进度和未达到目标的指标: a line per indicator behind schedule or short of target. */
export interface BehindLines {
  readonly city: readonly string[];
  /** One line per district ("市北区：…；…"). */
  readonly districts: readonly string[];
}

/** 报表报送情况: the summary line, the partial roll-up note and the table of returns. */
export interface SubmissionSection {
  readonly summary: string;
  /** City figures summed from fewer districts than the city has, if any. */
  readonly rollupNote: string | null;
  readonly table: TextTable;
}

export interface Bulletin {
  readonly masthead: Masthead;
  /** Where the figures come from and as of when (the data's own time, never the clock). */
  readonly note: string;
  /** 一、重要指标完成情况 */
  readonly keyItems: readonly KeyItem[];
  /** 二、主要工作情况 and 三、下步工作打算: paragraphs from the statistician's file, or null when absent. */
  readonly work: readonly string[] | null;
  readonly plans: readonly string[] | null;
  /** Charts, in order (HTML, Word, Excel and PNG files draw these). */
  readonly charts: readonly BulletinChart[];
  /** 附表: every indicator of the text, in the units of the text. */
  readonly summary: TextTable;
  /** Districts ranked by completion, per indicator with district targets. */
  readonly rankings: readonly RankingTable[];
  readonly rankingNote: string | null;
  readonly behind: BehindLines;
  /** Targeted indicators without data this month, by name. */
  readonly noData: readonly string[];
  readonly submission: SubmissionSection;
  /** 上期通报以来修订的数据 */
  readonly revisions: TextTable;
  /** The one line pointing to the month's 审核 report, or null when it has no findings. */
  readonly auditPointer: string | null;
}
