/**
 * The result of ingesting one file — what `kpi ingest --json` prints per file (SPEC §10).
 */
import type { Finding } from './finding.ts';

export type FileStatus = 'loaded' | 'unchanged' | 'revised' | 'rejected';

export interface FileOutcome {
  /** Path as given. */
  readonly file: string;
  readonly status: FileStatus;
  /** Region the file is for (null for multi-region exports or when unknown). */
  readonly region: string | null;
  /** `YYYY-MM` report month (null for multi-month exports or when unknown). */
  readonly period: string | null;
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
}
