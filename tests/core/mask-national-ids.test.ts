import { describe, expect, it } from 'vitest';
import { maskNationalIds } from '../../core/mask-national-ids.ts';

describe('maskNationalIds', () => {
  it('masks 18- and 15-character IDs wherever they sit in a text, keeping region code and last four', () => {
    expect(maskNationalIds('登记日期不是日期：370202199001011234')).toBe(
      '登记日期不是日期：370202********1234',
    );
    expect(maskNationalIds('1,王,小,明,37020219900101123X,男')).toBe('1,王,小,明,370202********123X,男');
    expect(maskNationalIds('"370202900101123" and 370203199512310021.')).toBe(
      '"370202*****1123" and 370203********0021.',
    );
  });

  it('leaves other numbers alone: shorter, longer, or inside a code', () => {
    const text = '2022-10-08 370202 12345678901234567890 91370200MA3C4X5Y6Z 共35200人';
    expect(maskNationalIds(text)).toBe(text);
  });
});
