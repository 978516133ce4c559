import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { balanceRounding } from '../../reports/balance-rounding.ts';

const d = (xs: string[]) => xs.map((x) => new Decimal(x));

describe('balanceRounding (舍位平衡, largest remainder)', () => {
  it('makes printed parts add to the printed total', () => {
    // 1.004 × 3 = 3.012 → 3.01; plain rounding gives 1.00 × 3 = 3.00.
    expect(balanceRounding(d(['1.004', '1.004', '1.004']), new Decimal('3.012'), 2)!.map(String)).toEqual([
      '1.01',
      '1',
      '1',
    ]);
    // 万人: 18,504 + 24,604 + 64,127 = 107,235 → 10.72; parts 1.8504, 2.4604, 6.4127 → 1.85 + 2.46 + 6.41 = 10.72.
    expect(
      balanceRounding(d(['1.8504', '2.4604', '6.4127']), new Decimal('10.7235'), 2)!.map((x) => x.toFixed(2)),
    ).toEqual(['1.85', '2.46', '6.41']);
    // 0.335 + 0.335 + 0.33 = 1.00: remainders .005, .005, 0 → the first gets the unit.
    expect(
      balanceRounding(d(['0.335', '0.335', '0.33']), new Decimal('1'), 2)!.map((x) => x.toFixed(2)),
    ).toEqual(['0.34', '0.33', '0.33']);
  });
  it('refuses parts that do not add up to the total, and negative parts', () => {
    expect(balanceRounding(d(['1', '1']), new Decimal('5'), 2)).toBeNull();
    expect(balanceRounding(d(['-1', '2']), new Decimal('1'), 2)).toBeNull();
  });
});
