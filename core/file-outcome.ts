/**
 * The result of ingesting one file — what `kpi ingest --json` prints per file (SPEC §10).
 */
import type { ReportedFinding } from './format-finding.ts';
import type { Period } from './period.ts';

export type FileStatus = 'loaded' | 'unchanged' | 'revised' | 'rejected';

export interface FileOutcome {
  /** Path as given. */
  readonly file: string;
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
}
