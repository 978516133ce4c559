import { describe, expect, it } from 'vitest';
import {
  addMonths,
  comparePeriods,
  dayLabel,
  firstDay,
  monthLabel,
  parsePeriod,
  periodLabel,
  periodMonth,
  periodOf,
  periodOfDate,
  periodYear,
  previousDecember,
  yearStart,
  yearToDateLabel,
  ytdLabel,
} from '../../core/period.ts';

describe('Period', () => {
  it('parses YYYY-MM and nothing else', () => {
    expect(parsePeriod('2022-10')).toBe('2022-10');
    expect(parsePeriod(' 2022-01 ')).toBe('2022-01');
    for (const text of ['2022-13', '2022-00', '2022-1', '22-10', '2022-10-01', '2022/10', ''])
      expect(parsePeriod(text), text).toBeNull();
  });

  it('does month arithmetic across years', () => {
    expect(addMonths('2022-12', 1)).toBe('2023-01');
    expect(addMonths('2022-01', -1)).toBe('2021-12');
    expect(addMonths('2022-10', -22)).toBe('2020-12');
    expect(addMonths('2021-03', 34)).toBe('2024-01');
    expect(previousDecember('2022-10')).toBe('2021-12');
    expect(yearStart('2022-10')).toBe('2022-01');
  });

  it('reads its parts and dates', () => {
    expect(periodYear('2022-10')).toBe(2022);
    expect(periodMonth('2022-09')).toBe(9);
    expect(firstDay('2022-09')).toBe('2022-09-01');
    expect(periodOfDate('2022-09-30')).toBe('2022-09');
    expect(periodOfDate('2022-09-01 00:00:00+08')).toBe('2022-09');
    expect(periodOfDate(new Date('2022-09-30T23:00:00Z'))).toBe('2022-09');
    expect(periodLabel('2022-10')).toBe('2022年10月');
    expect(comparePeriods('2022-09', '2022-10')).toBe(-1);
    expect(() => periodOf(2022, 13)).toThrow(RangeError);
  });
  it('labels a month as the bulletin and the board print it', () => {
    expect(periodLabel('2022-10')).toBe('2022年10月');
    expect(monthLabel('2022-03')).toBe('3月');
    expect(ytdLabel('2022-10')).toBe('1-10月');
    expect(ytdLabel('2022-01')).toBe('1月');
    expect(yearToDateLabel('2022-10')).toBe('2022年1-10月');
    expect(dayLabel(addMonths('2022-12', 1), 10)).toBe('2023年1月10日');
  });
});
