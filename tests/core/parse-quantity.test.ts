import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseQuantity, type QuantityContext } from '../../core/parse-quantity.ts';
import { extractUnit, parseUnit } from '../../core/units.ts';

const people: QuantityContext = { baseUnit: '人' };
const value = (input: unknown, context: QuantityContext = people) => {
  const q = parseQuantity(input, context);
  return q.kind === 'value' ? q.value.toString() : q.kind;
};

describe('parseQuantity', () => {
  it('reads 万 and 亿 in the cell as exact base units', () => {
    expect(value('3.52万')).toBe('35200');
    expect(value('35.15万')).toBe('351500');
    expect(value('70亿', { baseUnit: '元' })).toBe('7000000000');
    expect(value('3.5万人')).toBe('35000');
    expect(value('12千')).toBe('12000');
  });

  it('reads thousands separators and full-width digits', () => {
    expect(value('1,234')).toBe('1234');
    expect(value('１２３４')).toBe('1234');
    expect(value('１，２３４．５')).toBe('1234.5');
    expect(value(' 409 720 ')).toBe('409720');
  });

  it('treats —, /, blank and null as not reported, never zero', () => {
    for (const blank of ['', '  ', '—', '——', '/', '-', '－', null, undefined]) {
      expect(parseQuantity(blank, people)).toEqual({ kind: 'not_reported' });
    }
  });

  it('rejects text that is not a number, with the reason', () => {
    const q = parseQuantity('约3万', people);
    expect(q.kind).toBe('invalid');
    expect(parseQuantity('12abc', people)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('abc'),
    });
  });

  it('refuses an ID number in a value cell in any written form, never quoting it (issue 22 review)', () => {
    for (const id of [
      370202197707075559,
      '370202197707075559',
      '370202 19770707 5559',
      '370202-19770707-5559',
      '３７０２０２１９７７０７０７５５５９',
      '37020219770707555X',
      '370203900517213',
    ]) {
      const q = parseQuantity(id, people);
      expect(q, String(id)).toEqual({ kind: 'invalid', reason: '像是公民身份号码，不是数值' });
    }
    // A large but ordinary figure (企业年金基金规模 in 元) is still a figure.
    expect(value('7000000000')).toBe('7000000000');
  });

  it('applies a unit from the label, column or header when the cell has none', () => {
    expect(value(31.2, { baseUnit: '人', contextUnit: parseUnit('万人') })).toBe('312000');
    expect(value('31.2', { baseUnit: '人', contextUnit: parseUnit('万人') })).toBe('312000');
    // The cell's own unit wins over the header's.
    expect(value('3000人', { baseUnit: '人', contextUnit: parseUnit('万人') })).toBe('3000');
  });

  it('stores rates in percent: 93.5%, 935‰, percent-formatted 0.935', () => {
    const rate: QuantityContext = { baseUnit: '%' };
    expect(value('93.5%', rate)).toBe('93.5');
    expect(value('９３．５％', rate)).toBe('93.5');
    expect(value('935‰', rate)).toBe('93.5');
    expect(value(93.5, rate)).toBe('93.5');
    expect(value(0.935, { baseUnit: '%', percentFormatted: true })).toBe('93.5');
  });

  it('refuses a unit that does not fit the indicator', () => {
    expect(parseQuantity('35%', people).kind).toBe('invalid');
    expect(parseQuantity('3万', { baseUnit: '%' }).kind).toBe('invalid');
    expect(parseQuantity('12件', people).kind).toBe('invalid');
    // 人 and 人次 are written interchangeably in returns.
    expect(value('10万人', { baseUnit: '人次' })).toBe('100000');
  });

  it('keeps the precision the source gave, with no binary float error', () => {
    expect(value(0.1 + 0.2 === 0.3 ? 0 : '0.3')).toBe('0.3');
    expect(value('40.97万')).toBe('409700');
    expect(new Decimal(value('40.97万')).div(400000).times(100).toString()).toBe('102.425');
  });
});

describe('units in labels and headers', () => {
  it('finds the unit in brackets or after 单位', () => {
    expect(extractUnit('城镇新增就业（万人）')).toMatchObject({ unitText: '万人', rest: '城镇新增就业' });
    expect(extractUnit('单位：万人')).toMatchObject({ unitText: '万人' });
    expect(extractUnit('12333热线接通率(%)')).toMatchObject({ unitText: '%', rest: '12333热线接通率' });
    expect(extractUnit('城镇新增就业').unit).toBeNull();
  });
});
