/**
 * The gap a reader computes from two printed percentages (SPEC §4): completion and schedule are each
 * rounded half-up to `places` first, then subtracted, so "76.6%，慢于时序进度6.7个百分点" adds up. Pure.
 */
import { Decimal } from 'decimal.js';
import { roundHalfUp, type DecimalInput } from './format-number.ts';

/** Printed completion − printed schedule: `printedGap('76.64', '83.3333', 1)` → −6.7 (76.6 − 83.3). */
export function printedGap(completionPct: DecimalInput, schedulePct: DecimalInput, places: number): Decimal {
  return new Decimal(roundHalfUp(completionPct, places)).minus(roundHalfUp(schedulePct, places));
}
