/**
 * The result of ingesting one file — what `kpi ingest --json` prints per file (SPEC §10).
 */
import type { FileCounts } from './file-counts.ts';
import type { ReportedFinding } from './format-finding.ts';
import type { Period } from './period.ts';

export type FileStatus = 'loaded' | 'unchanged' | 'revised' | 'rejected';

export interface FileOutcome {
  /** Path as given. */
  readonly file: string;
  /** What the file was read as: a district return (its value cells counted) or a system export (its rows). */
  readonly source: 'return' | 'export';
  readonly status: FileStatus;
  /** Region the file is for (null for multi-region exports or when unknown). */
  readonly region: string | null;
  /** Report month (null for multi-month exports or when unknown). */
  readonly period: Period | null;
  readonly errors: readonly ReportedFinding[];
  readonly warnings: readonly ReportedFinding[];
  /** A resubmitted return: the indicator codes whose earlier values it replaced (only those it reports). */
  readonly replaced: readonly string[];
  /** The indicator codes of earlier returns for the same region and month that it left in place. */
  readonly kept: readonly string[];
  /** What was said for information only (a helper sheet skipped); absent when nothing was. */
  readonly notes?: readonly ReportedFinding[];
  /**
   * How the file's value cells (returns) or rows (exports) were accounted for; they add up. A
   * rejected file stores nothing: what would have been stored is `left_out.rejected`. An
   * `unchanged` file was not read again: its counts are zero (they were given when it was loaded).
   */
  readonly counts: FileCounts;
}
