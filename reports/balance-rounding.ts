/**
 * 舍位平衡 (SPEC §4, issue 13): round parts so that the printed parts add to the printed total, by the
 * largest-remainder rule statistical offices use on rounded tables. Pure, decimal-safe.
 */
import { Decimal } from 'decimal.js';

/**
 * `parts` (non-negative, exact) rounded to `places` decimals so they sum to `total` rounded half-up
 * to `places`: each part is rounded down, then the shortfall goes one unit at a time to the parts with
 * the largest remainders (earlier parts first on ties). Returns null when that cannot be done without
 * moving a part by more than one unit (the parts do not add up to the total in the first place).
 * `balanceRounding(['1.004','1.004','1.004'].map(Number), 3.012, 2)` → [1.01, 1.00, 1.00]: 3.01.
 */
export function balanceRounding(parts: readonly Decimal[], total: Decimal, places: number): Decimal[] | null {
  if (parts.some((p) => p.isNegative())) return null;
  const floors = parts.map((p) => p.toDecimalPlaces(places, Decimal.ROUND_DOWN));
  const target = total.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(places));
  const missing = target.minus(floors.reduce((a, b) => a.plus(b), new Decimal(0))).dividedBy(unit);
  if (!missing.isInteger() || missing.isNegative() || missing.gt(parts.length)) return null;
  const order = parts
    .map((p, k) => ({ k, remainder: p.minus(floors[k]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.k - b.k);
  const result = [...floors];
  for (const { k } of order.slice(0, missing.toNumber())) result[k] = result[k]!.plus(unit);
  return result;
}
