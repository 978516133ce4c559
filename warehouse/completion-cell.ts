/**
 * One `completion` row's figures as the board reads them: exact decimals as strings, whether the
 * target is met, and whether the month is past its due month. Shared by the progress grid and the ranking.
 */

/** The seven figures of a `completion` row. */
export interface CompletionCell {
  readonly actual: string | null;
  readonly targetValue: string;
  readonly completionPct: string | null;
  readonly schedulePct: string | null;
  readonly aheadPp: string | null;
  readonly met: boolean | null;
  /** The month is at or after the target's due month: the figure is a result, not progress. */
  readonly due: boolean;
}
