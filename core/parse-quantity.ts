/**
 * Turns one reported figure (a cell's number or text) into a decimal in the indicator's base unit.
 * The rule that matters most: blank, `—`, `/` mean "not reported" and never become 0; text that is
 * not a number is `invalid` with a reason, so the caller can name the cell.
 */
import { Decimal } from 'decimal.js';
import { maskNationalIds } from './mask-national-ids.ts';
import { parseUnit, unitsCompatible, type BaseUnit, type ParsedUnit } from './units.ts';

export type Quantity =
  | { readonly kind: 'value'; readonly value: Decimal }
  | { readonly kind: 'not_reported' }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface QuantityContext {
  /** The indicator's base unit. */
  readonly baseUnit: BaseUnit;
  /** A unit that applies unless the cell writes its own (from the label, a unit column or the header). */
  readonly contextUnit?: ParsedUnit | null;
  /** The cell is formatted as a percentage in the workbook: a number 0.935 means 93.5%. */
  readonly percentFormatted?: boolean;
}

const NOT_REPORTED = new Set([
  '',
  '—',
  '——',
  '-',
  '--',
  '－',
  '/',
  '／',
  '\\',
  '无',
  '空',
  'n/a',
  'N/A',
  '…',
  '...',
]);
const NUMBER = /^([+-]?)(\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)(.*)$/;

/** No reported count reaches 10^14: a whole number that long is an ID number typed in a value cell. */
const ID_SIZED = 1e14;

/** Why a cell that holds an ID number is no figure; the ID itself is never quoted. */
const LOOKS_LIKE_ID = '像是公民身份号码，不是数值';

/**
 * Parse a reported figure. Numbers pass through (scaled by the context unit); text may carry
 * thousands separators, full-width digits and a unit of its own (`3.52万`, `93.5%`, `1,234人`).
 *
 * @example parseQuantity('3.52万', { baseUnit: '人' }) // { kind: 'value', value: 35200 }
 */
export function parseQuantity(input: unknown, context: QuantityContext): Quantity {
  if (input === null || input === undefined) return { kind: 'not_reported' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { kind: 'invalid', reason: `不是有限的数字：${input}` };
    if (Number.isInteger(input) && Math.abs(input) >= ID_SIZED)
      return { kind: 'invalid', reason: LOOKS_LIKE_ID };
    if (context.percentFormatted && context.baseUnit === '%') {
      return { kind: 'value', value: new Decimal(String(input)).times(100) };
    }
    return scale(new Decimal(String(input)), null, context);
  }
  if (typeof input !== 'string')
    return { kind: 'invalid', reason: `无法识别的值：${maskNationalIds(JSON.stringify(input))}` };
  // An ID in any written form (spaces, hyphens, full-width digits) is personal data, not a figure.
  if (maskNationalIds(input) !== input) return { kind: 'invalid', reason: LOOKS_LIKE_ID };

  const text = input.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
  if (NOT_REPORTED.has(text)) return { kind: 'not_reported' };
  const match = NUMBER.exec(text.replace(/，/g, ','));
  if (!match) return { kind: 'invalid', reason: `不是数字：“${input}”` };
  const [, sign = '', digits = '', suffix = ''] = match;
  let cellUnit: ParsedUnit | null = null;
  if (suffix !== '') {
    cellUnit = parseUnit(suffix);
    if (!cellUnit) return { kind: 'invalid', reason: `不是数字：“${input}”（无法识别的单位“${suffix}”）` };
  }
  if (/^\d+$/.test(digits) && digits.length >= 15) return { kind: 'invalid', reason: LOOKS_LIKE_ID };
  const value = new Decimal(sign + digits.replace(/,/g, ''));
  return scale(value, cellUnit, context);
}

function scale(value: Decimal, cellUnit: ParsedUnit | null, context: QuantityContext): Quantity {
  const unit = cellUnit ?? context.contextUnit ?? null;
  if (!unit) return { kind: 'value', value };
  if (!unitsCompatible(unit.base, context.baseUnit)) {
    return {
      kind: 'invalid',
      reason: `单位“${unit.base}”与指标的计量单位“${context.baseUnit}”不符`,
    };
  }
  if (context.baseUnit === '%' && unit.base === null) {
    return { kind: 'invalid', reason: '比率不能带数量单位（如“万”）' };
  }
  return { kind: 'value', value: value.times(unit.multiplier) };
}
