/**
 * 同比 (SPEC §5) as the board prints it, from the `comparison` view's exact figures: the growth in
 * percent for quantities (YTD against YTD, level against level), the change in 个百分点 for ratios
 * and rates. Rounded half-up only here.
 */
import { Decimal } from 'decimal.js';
import { formatSignedPp, roundHalfUp } from '../figures/format-number.ts';

/** The 同比 text for an indicator of `kind`, or `—` when the previous year is not held (or was 0). */
export function yearOnYear(kind: string, change: string | null, changePct: string | null): string {
  if (kind === 'ratio' || kind === 'rate') return change === null ? '—' : `${formatSignedPp(change)}个百分点`;
  if (changePct === null) return '—';
  const shown = roundHalfUp(changePct, 1);
  return `${new Decimal(shown).gt(0) ? '+' : ''}${shown}%`;
}
