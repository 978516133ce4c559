/**
 * The accounting of a rejected file: nothing of it is stored, so every figure that would have been
 * is left out as `rejected`; cells not reported, or left out for their own reason, stay as they were.
 */
import { fileCounts, type FileCounts } from './file-counts.ts';

/**
 * `counts` once the file is rejected whole.
 *
 * @example
 * rejectedCounts({ read: 12, stored: 9, not_reported: 2, left_out: { non_numeric: 1 } });
 * // → { read: 12, stored: 0, not_reported: 2, left_out: { non_numeric: 1, rejected: 9 } }
 */
export function rejectedCounts(counts: FileCounts): FileCounts {
  return fileCounts(0, counts.not_reported, {
    ...counts.left_out,
    rejected: (counts.left_out.rejected ?? 0) + counts.stored,
  });
}
