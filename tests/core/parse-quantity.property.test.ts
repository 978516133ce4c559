import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../core/parse-quantity.ts';
import { parseUnit } from '../../core/units.ts';

// Seeded so a failure is reproducible: fast-check prints the seed and path of any counterexample.
const RUNS = { seed: 20221031, numRuns: 300 };

const toFullWidth = (text: string) =>
  text.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withThousands = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describe('parseQuantity (property tests, seeded)', () => {
  it('reads an integer the same as a number, as text, with separators and in full width', () => {
    fc.assert(
      // Up to 10^14: a whole number of 15 digits or more is an ID number typed in a value cell.
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), (n) => {
        const expected = new Decimal(n.toString());
        for (const input of [
          Number(n),
          n.toString(),
          withThousands(n),
          toFullWidth(withThousands(n)),
          ` ${n}人 `,
        ]) {
          if (typeof input === 'number' && !Number.isSafeInteger(input)) continue;
          const q = parseQuantity(input, { baseUnit: '人' });
          expect(q.kind === 'value' && q.value.eq(expected), `${input}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('scales a figure written in 万 or 亿 exactly, whether the unit is in the cell or the context', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom('万', '亿'), (n, scale) => {
        const multiplier = parseUnit(scale)!.multiplier;
        const written = new Decimal(n.toString()).div(multiplier).toFixed();
        const inCell = parseQuantity(`${written}${scale}`, { baseUnit: '人' });
        const inContext = parseQuantity(written, { baseUnit: '人', contextUnit: parseUnit(`${scale}人`) });
        for (const q of [inCell, inContext])
          expect(q.kind === 'value' && q.value.toString()).toBe(n.toString());
      }),
      RUNS,
    );
  });

  it('reads a percent-formatted fraction and a percent string as the same rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
        const rate = new Decimal(basisPoints).div(100); // 0.00 … 100.00 %
        const formatted = parseQuantity(rate.div(100).toNumber(), { baseUnit: '%', percentFormatted: true });
        const text = parseQuantity(`${rate.toFixed(2)}%`, { baseUnit: '%' });
        expect(formatted.kind === 'value' && formatted.value.eq(rate)).toBe(true);
        expect(text.kind === 'value' && text.value.eq(rate)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never turns text without digits into a value (so never into 0)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (text) => {
        fc.pre(!/[0-9０-９]/.test(text));
        expect(parseQuantity(text, { baseUnit: '人' }).kind).not.toBe('value');
      }),
      RUNS,
    );
  });

  it('treats the not-reported marks as not reported', () => {
    for (const mark of ['', '—', '——', '/', '－', '-', '  ', null, undefined])
      expect(parseQuantity(mark, { baseUnit: '人' })).toEqual({ kind: 'not_reported' });
  });
});
