/**
 * Units of measure: the base units values are stored in, and the display units and scale words
 * (万, 亿, 千, %, ‰) that returns write. Parsing a unit text gives a multiplier to the base unit.
 */
import { Decimal } from 'decimal.js';

/** Base units a value is stored in. Rates are stored as percent (0–100). */
export const BASE_UNITS = ['人', '人次', '个', '家', '户', '件', '次', '元', '%'] as const;
export type BaseUnit = (typeof BASE_UNITS)[number];

/** A unit as written in a return: a multiplier and the base unit it scales (null: a bare scale word). */
export interface ParsedUnit {
  readonly multiplier: Decimal;
  readonly base: BaseUnit | null;
}

const SCALE_WORDS: ReadonlyArray<readonly [string, number]> = [
  ['万亿', 1e12],
  ['亿', 1e8],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['万', 1e4],
  ['千', 1e3],
  ['百', 1e2],
];

// Longest first, so 人次 wins over 人.
const BASE_WORDS: ReadonlyArray<readonly [string, BaseUnit]> = [
  ['人次', '人次'],
  ['人', '人'],
  ['名', '人'],
  ['个', '个'],
  ['家', '家'],
  ['户', '户'],
  ['件', '件'],
  ['次', '次'],
  ['元', '元'],
  ['%', '%'],
  ['％', '%'],
  ['‰', '%'],
];

/**
 * Parse a unit text in any common form: `万人`, `（万人）`, `(万人)`, `单位：万人`, `亿元`, `人次`, `%`,
 * `‰` or a bare `万`. Returns null when the text is not a unit.
 *
 * @example parseUnit('（万人）') // { multiplier: 10000, base: '人' }
 */
export function parseUnit(text: string): ParsedUnit | null {
  let rest = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(计量)?单位[:：]/, '');
  const bracketed = /^[(\[【〔]([^()\[\]【】〔〕]+)[)\]】〕]$/.exec(rest);
  if (bracketed?.[1]) rest = bracketed[1];
  if (rest === '') return null;
  let multiplier = new Decimal(1);
  for (const [word, factor] of SCALE_WORDS) {
    if (rest.startsWith(word)) {
      multiplier = new Decimal(factor);
      rest = rest.slice(word.length);
      break;
    }
  }
  if (rest === '') return multiplier.eq(1) ? null : { multiplier, base: null };
  for (const [word, base] of BASE_WORDS) {
    if (rest === word) {
      // ‰ is stored as percent: 3‰ = 0.3%.
      const perMille = word === '‰';
      return { multiplier: perMille ? multiplier.div(10) : multiplier, base };
    }
  }
  return null;
}

/** Whether a value written in `written` may be stored as `base` (人 and 人次 are used interchangeably in returns). */
export function unitsCompatible(written: BaseUnit | null, base: BaseUnit): boolean {
  if (written === null || written === base) return true;
  const people = new Set<BaseUnit>(['人', '人次']);
  return people.has(written) && people.has(base);
}

/**
 * Find a unit written inside a label or header: `城镇新增就业（万人）`, `单位：万人`, `(%)`.
 * Returns the unit and the label with the unit removed.
 */
export function extractUnit(label: string): {
  unit: ParsedUnit | null;
  unitText: string | null;
  rest: string;
} {
  const text = label.normalize('NFKC');
  const declared = /单位\s*[:：]\s*([^\s,，;；)）]+)/.exec(text);
  if (declared?.[1]) {
    const unit = parseUnit(declared[1]);
    if (unit) return { unit, unitText: declared[1], rest: text.replace(declared[0], '').trim() };
  }
  const bracketed = /[(（]\s*([^()（）]{1,6})\s*[)）]\s*$/.exec(text);
  if (bracketed?.[1]) {
    const unit = parseUnit(bracketed[1]);
    if (unit) return { unit, unitText: bracketed[1], rest: text.slice(0, bracketed.index).trim() };
  }
  return { unit: null, unitText: null, rest: text.trim() };
}
