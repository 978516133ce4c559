/**
 * The one place that decides where a figure stands against its target (issue 10 point 4): every
 * report format (Markdown, HTML, Excel, Word, charts) and the board ask it. Pure; judged on printed figures.
 */
import type { IndicatorKind } from '../catalogue/catalogue.ts';
import { scheduleStatus } from './format-number.ts';
import { printedGap } from './printed-gap.ts';
import type { CompletionFigure } from './completion-figure.ts';

/**
 * - `met`: the target itself is reached (a flow's YTD ≥ annual target, a rate within its bound);
 * - `ahead` / `level` / `behind`: a flow or net change before its due month, by the printed gap to 时序进度;
 * - `not_due`: a level (stock) not yet reached before its due month, which has no schedule;
 * - `missed`: the due month has come and the target is not reached, or a rate outside its bound;
 * - `none`: no target window or no figure.
 */
export type FigureStatus = 'met' | 'ahead' | 'level' | 'behind' | 'not_due' | 'missed' | 'none';

/** The month a window is due: its own due month when the warehouse gives one, else December of its last year. */
export interface DueMonth {
  readonly year: number;
  readonly month: number;
}

/** The window's own due month (`completion.due_period`), else December of its last year. */
export function dueMonth(window: Pick<CompletionFigure, 'endYear' | 'due'>): DueMonth {
  return window.due ?? { year: window.endYear, month: 12 };
}

/** Whether `year`-`month` is at or after the window's due month. */
export function isDue(due: DueMonth, year: number, month: number): boolean {
  return year > due.year || (year === due.year && month >= due.month);
}

/** Where `window` (of an indicator of `kind`, in report month `year`-`month`) stands, at `places` printed decimals. */
export function figureStatus(
  kind: IndicatorKind,
  window: CompletionFigure | undefined,
  when: {
    readonly year: number;
    readonly month: number;
    readonly places: number;
    readonly due?: DueMonth | null;
  },
): FigureStatus {
  if (!window || window.actual === null) return 'none';
  const byTarget = targetStatus(kind, window.met);
  if (byTarget) return byTarget;
  if (isDue(dueMonth(window), when.year, when.month)) return window.met === false ? 'missed' : 'none';
  if (kind === 'stock' || window.completionPct === null || window.schedulePct === null) return 'not_due';
  return scheduleStatus(printedGap(window.completionPct, window.schedulePct, when.places), when.places);
}

/**
 * The board's status of one `completion` row: `figureStatus`'s rule on the row as the board shows
 * it, the gap to 时序进度 being `ahead_pp` at two decimals; a ratio or rate short of its target is
 * `not_met`, and a figure without a gap `none`.
 */
export type ProgressStatus = 'met' | 'ahead' | 'level' | 'behind' | 'not_met' | 'none';

/**
 * The board's status of a `completion` row of an indicator of `kind` (see `ProgressStatus`); `due`:
 * the row's month is at or after the target's due month, when a target not met is a result (SPEC §5).
 */
export function progressStatus(
  kind: string,
  figure: { readonly met: boolean | null; readonly aheadPp: string | null; readonly due?: boolean },
): ProgressStatus {
  const byTarget = targetStatus(kind, figure.met);
  if (byTarget) return byTarget === 'missed' ? 'not_met' : byTarget;
  if (figure.met === false && figure.due) return 'not_met';
  return figure.aheadPp === null ? 'none' : scheduleStatus(figure.aheadPp, 2);
}

/** What the target alone decides: met for any kind; missed or none for a ratio or rate; else undefined. */
function targetStatus(kind: string, met: boolean | null): 'met' | 'missed' | 'none' | undefined {
  if (met === true) return 'met';
  if (kind === 'ratio' || kind === 'rate') return met === false ? 'missed' : 'none';
  return undefined;
}

/** Whether a status is shown as a problem (marked in tables, red in charts). */
export function isShortfall(status: FigureStatus): boolean {
  return status === 'behind' || status === 'missed';
}
