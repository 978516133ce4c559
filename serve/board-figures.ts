/**
 * The board prints figures as the bulletin does (SPEC §4): a table's quantities in one scale, 万 only
 * when every figure in it is at least 1万 (9896人, never 0.99万人); a gap computed from the printed
 * parts, so 89.33% against 83.33% reads +6.00, as in the bulletin. Pure.
 */
import { Decimal } from 'decimal.js';
import { progressStatus, type ProgressStatus } from '../figures/figure-status.ts';
import { formatSignedPp, roundHalfUp } from '../figures/format-number.ts';
import { printedGap } from '../figures/printed-gap.ts';
import { printedQuantity } from '../figures/printed-quantity.ts';
import type { ProgressIndicator } from '../warehouse/progress-indicator.ts';

/** Decimals of the board's percentages and gaps. */
const PLACES = 2;

/** How one table prints an indicator's quantities: its unit, and each value in it. */
export interface TableScale {
  readonly unit: string;
  show(value: string | null): string;
}

const isRate = (kind: string) => kind === 'ratio' || kind === 'rate';

/** One scale for a table holding `values` of `indicator`: the smallest magnitude decides. */
export function tableScale(
  indicator: Pick<ProgressIndicator, 'kind' | 'unit' | 'displayUnit'>,
  values: readonly (string | null)[],
): TableScale {
  if (isRate(indicator.kind) || indicator.unit === '%')
    return { unit: '%', show: (v) => (v === null ? '—' : roundHalfUp(v, PLACES)) };
  const present = values.filter((v): v is string => v !== null).map((v) => new Decimal(v).abs());
  const smallest = present.length ? Decimal.min(...present) : new Decimal(0);
  const unit = printedQuantity(smallest, indicator.unit, indicator.displayUnit).unit;
  return {
    unit,
    show(v) {
      if (v === null) return '—';
      const q = printedQuantity(v, indicator.unit, indicator.displayUnit, smallest);
      return q.places ? q.number.toFixed(q.places) : q.number.toString();
    },
  };
}

/** The parts of a `completion` row the board's gap is printed from. */
export interface GapParts {
  readonly actual: string | null;
  readonly targetValue: string;
  readonly completionPct: string | null;
  readonly schedulePct: string | null;
  readonly aheadPp: string | null;
}

/**
 * The gap the board prints, from the printed figures: a flow's printed completion − printed 时序进度;
 * a ratio's or rate's printed value against its target, positive on the good side (above a floor,
 * below a ceiling). Null where the row has none.
 */
function printedAheadPp(
  indicator: Pick<ProgressIndicator, 'kind' | 'direction'>,
  row: GapParts,
): Decimal | null {
  if (row.aheadPp === null) return null;
  if (row.completionPct !== null && row.schedulePct !== null)
    return printedGap(row.completionPct, row.schedulePct, PLACES);
  if (isRate(indicator.kind) && row.actual !== null) {
    const gap = printedGap(row.actual, row.targetValue, PLACES);
    return indicator.direction === 'at_most' ? gap.negated() : gap;
  }
  return new Decimal(roundHalfUp(row.aheadPp, PLACES));
}

/**
 * A row's status as the board colours it, from the gap as printed; a target whose due month has come
 * speaks of the result, not of the schedule (SPEC §5).
 */
export function printedStatus(
  indicator: Pick<ProgressIndicator, 'kind' | 'direction'>,
  row: GapParts & { readonly met: boolean | null; readonly due: boolean },
): ProgressStatus {
  const gap = printedAheadPp(indicator, row);
  return progressStatus(indicator.kind, { met: row.met, aheadPp: gap?.toString() ?? null, due: row.due });
}

/**
 * `printedAheadPp` as text: "+6.00个百分点", or "" where there is none — nor for a flow or stock whose
 * target is due (`row.due`): its figure is a result, with no 时序进度 to be ahead of or behind.
 */
export function gapText(
  indicator: Pick<ProgressIndicator, 'kind' | 'direction'>,
  row: GapParts & { readonly due?: boolean },
): string {
  if (row.due && !isRate(indicator.kind)) return '';
  const gap = printedAheadPp(indicator, row);
  return gap === null ? '' : `${formatSignedPp(gap, PLACES)}个百分点`;
}

/** A completion percentage as the board prints it: "89.33%". */
export function percentText(pct: string | null): string {
  return pct === null ? '—' : `${roundHalfUp(pct, PLACES)}%`;
}
