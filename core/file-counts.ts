/**
 * How a file's content was accounted for (SPEC §6): each value cell of a return, or each row of an
 * export, ends as exactly one of stored, not reported (blank, —, /) or left out for a named reason,
 * so `read = stored + not_reported + Σ left_out`. `kpi ingest --json` prints these per file.
 */

/** The accounting of one file. `left_out` maps a reason code (English, for machines) to a count. */
export interface FileCounts {
  readonly read: number;
  readonly stored: number;
  readonly not_reported: number;
  readonly left_out: Readonly<Record<string, number>>;
}

/** Nothing read: a file refused before any cell or row was looked at. */
export const NO_COUNTS: FileCounts = { read: 0, stored: 0, not_reported: 0, left_out: {} };

/** The counts of a file from its parts; `read` is their sum, so they add up by construction. */
export function fileCounts(
  stored: number,
  notReported: number,
  leftOut: Readonly<Record<string, number>>,
): FileCounts {
  const kept = Object.fromEntries(Object.entries(leftOut).filter(([, n]) => n > 0));
  const left = Object.values(kept).reduce((sum, n) => sum + n, 0);
  return { read: stored + notReported + left, stored, not_reported: notReported, left_out: kept };
}

/** True when `read` is exactly stored + not reported + every reason left out. */
export function countsAddUp(counts: FileCounts): boolean {
  const left = Object.values(counts.left_out).reduce((sum, n) => sum + n, 0);
  return counts.read === counts.stored + counts.not_reported + left;
}
