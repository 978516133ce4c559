/**
 * A `completion` row as printed figures read it: one indicator and region against one target
 * window, with exact decimals. Shared by the bulletin and the board's print rules.
 */
import type { Decimal } from 'decimal.js';

/** A `completion` row: progress of one indicator and region against one target window. */
export interface CompletionFigure {
  readonly indicatorCode: string;
  readonly regionCode: string;
  /** Month of the figure, 1–12, in the report's year. */
  readonly month: number;
  readonly startYear: number;
  readonly endYear: number;
  readonly actual: Decimal | null;
  readonly target: Decimal;
  readonly completionPct: Decimal | null;
  readonly schedulePct: Decimal | null;
  readonly aheadPp: Decimal | null;
  readonly met: boolean | null;
  /** Who set the target (`completion.issuer` where the warehouse has it): 省下达 targets read 省下达任务. */
  readonly issuer: string | null;
  /** The month the target is due (`completion.due_period`), null for December of the window's last year. */
  readonly due: { readonly year: number; readonly month: number } | null;
}
