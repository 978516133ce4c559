/**
 * A quantity as the bulletin prints it, kept as a number: the scale (万, 亿 or the base unit) chosen
 * by SPEC §4's rule and the value rounded half-up at that scale. Sums and differences that a reader
 * checks (差0.14万人, 分项之和) are computed from these printed numbers. Pure.
 */
import { Decimal } from 'decimal.js';
import type { DecimalInput } from './format-number.ts';

/** A printed quantity: `number` in `unit` (= base unit × `factor`), with `places` decimals. */
export interface PrintedQuantity {
  readonly number: Decimal;
  readonly unit: string;
  readonly factor: Decimal;
  readonly places: number;
}

const TEN_THOUSAND = new Decimal(10_000);
const HUNDRED_MILLION = new Decimal(100_000_000);

/**
 * `value` (base units) printed in `displayUnit` as `formatQuantity` prints it: 312,000 人 in 万人 →
 * 31.20 万人; 9896 人 → 9896 人 (below 1万 the base unit); 6,543,210,000 元 in 亿元 → 65.43 亿元.
 * With `scaleOf`, the scale is the one `scaleOf` would print in (a target in the unit of its result).
 */
export function printedQuantity(
  value: DecimalInput,
  unit: string,
  displayUnit: string,
  scaleOf: DecimalInput = value,
): PrintedQuantity {
  const v = new Decimal(value);
  const magnitude = new Decimal(scaleOf).abs();
  let factor = new Decimal(1);
  let prefix = '';
  if (displayUnit.startsWith('亿') && magnitude.gte(HUNDRED_MILLION))
    [factor, prefix] = [HUNDRED_MILLION, '亿'];
  else if ((displayUnit.startsWith('亿') || displayUnit.startsWith('万')) && magnitude.gte(TEN_THOUSAND))
    [factor, prefix] = [TEN_THOUSAND, '万'];
  const places = factor.eq(1) ? 0 : 2;
  const number = factor.eq(1)
    ? v.isInteger()
      ? v
      : v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    : v.dividedBy(factor).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return { number, unit: `${prefix}${unit}`, factor, places };
}

/** The printed text of a printed quantity: `31.20万人`, `9896人`. */
export function printedText(q: PrintedQuantity): string {
  return `${q.places ? q.number.toFixed(q.places) : q.number.toString()}${q.unit}`;
}
