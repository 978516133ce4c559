/**
 * 同比 (SPEC §5): the same month of the previous year — growth in percent for quantities (YTD
 * against YTD, level against level), the difference in 个百分点 for ratios and rates. Exact; shown
 * rounded half-up.
 */
import { Decimal } from 'decimal.js';
import { formatSignedPp, roundHalfUp } from '../reports/format-number.ts';

/** The 同比 text of `value` against `previous` for an indicator of `kind`, or `—` when not held. */
export function yearOnYear(kind: string, value: string, previous: string | null): string {
  if (previous === null) return '—';
  if (kind === 'ratio' || kind === 'rate')
    return `${formatSignedPp(new Decimal(value).minus(previous))}个百分点`;
  const base = new Decimal(previous);
  if (base.isZero()) return '—';
  const growth = new Decimal(value).minus(base).times(100).dividedBy(base.abs());
  const shown = roundHalfUp(growth, 1);
  return `${new Decimal(shown).gt(0) ? '+' : ''}${shown}%`;
}
