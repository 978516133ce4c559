import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  formatPercent,
  formatQuantity,
  formatTargetPercent,
  percentOf,
  roundHalfUp,
  scheduleStatus,
} from '../../figures/format-number.ts';

describe('percentages (seed 004)', () => {
  it('shows 409,720 and 351,480 against 400,000 as 102.43% and 87.87%', () => {
    expect(formatPercent(percentOf(409_720, 400_000), 2)).toBe('102.43%');
    expect(formatPercent(percentOf(351_480, 400_000), 2)).toBe('87.87%');
  });
  it('shows 40.97万 and 35.15万 (409,700 and 351,500) as 102.43% and 87.88%: half-up on the exact 87.875', () => {
    expect(percentOf(351_500, 400_000).toString()).toBe('87.875');
    expect(formatPercent(percentOf(409_700, 400_000), 2)).toBe('102.43%');
    expect(formatPercent(percentOf(351_500, 400_000), 2)).toBe('87.88%');
  });
  it('rounds half-up at every precision, also where binary floating point would not', () => {
    expect(roundHalfUp('0.05', 1)).toBe('0.1');
    expect(roundHalfUp('1.005', 2)).toBe('1.01');
    expect((1.005).toFixed(2)).toBe('1.00'); // what Number would have printed
    expect(roundHalfUp('83.3333333333', 1)).toBe('83.3');
    expect(roundHalfUp('-2.25', 1)).toBe('-2.3');
    expect(formatPercent('89.14', 1)).toBe('89.1%');
    expect(formatPercent('89.15', 1)).toBe('89.2%');
  });
  it('prints targets as plans write them', () => {
    expect(formatTargetPercent('93.000000')).toBe('93%');
    expect(formatTargetPercent('94.800000')).toBe('94.8%');
    expect(formatTargetPercent('5.5')).toBe('5.5%');
  });
});

describe('quantities', () => {
  it('uses 万 with two decimals from 1万 up, the plain count below', () => {
    expect(formatQuantity(312_000, '人', '万人')).toBe('31.20万人');
    expect(formatQuantity('312049.000000', '人', '万人')).toBe('31.20万人');
    expect(formatQuantity(312_050, '人', '万人')).toBe('31.21万人');
    expect(formatQuantity(10_000, '人', '万人')).toBe('1.00万人');
    expect(formatQuantity(9_999, '人', '万人')).toBe('9999人');
    expect(formatQuantity(3_000, '人', '万人')).toBe('3000人');
    expect(formatQuantity(37_000, '个', '万个')).toBe('3.70万个');
    expect(formatQuantity(123_456, '人次', '万人次')).toBe('12.35万人次');
  });
  it('uses 亿元 from 1亿 up, then 万元, then 元', () => {
    expect(formatQuantity(7_000_000_000, '元', '亿元')).toBe('70.00亿元');
    expect(formatQuantity(123_456_789, '元', '亿元')).toBe('1.23亿元');
    expect(formatQuantity(99_995_000, '元', '亿元')).toBe('9999.50万元');
    expect(formatQuantity(5_000, '元', '亿元')).toBe('5000元');
  });
  it('keeps plain display units as counts and signs of net changes', () => {
    expect(formatQuantity(2_300, '户', '户')).toBe('2300户');
    expect(formatQuantity(12_345, '人', '人')).toBe('12345人');
    expect(formatQuantity(-15_000, '人', '万人')).toBe('-1.50万人');
    expect(formatQuantity('96.25', '%', '%')).toBe('96.3%');
  });
});

describe('time schedule', () => {
  it('says 快于, 慢于 and 持平 from the displayed figure', () => {
    expect(describeSchedule('5.8083333333')).toBe('快于时序进度5.8个百分点');
    expect(describeSchedule(new Decimal('-1.25'))).toBe('慢于时序进度1.3个百分点');
    expect(describeSchedule('0.04')).toBe('与时序进度持平');
    expect(describeSchedule('-0.04')).toBe('与时序进度持平');
    expect(describeSchedule('-0.05')).toBe('慢于时序进度0.1个百分点');
    expect(describeSchedule('-0.004', 2)).toBe('与时序进度持平');
    expect(scheduleStatus('-0.006', 2)).toBe('behind');
  });
});
