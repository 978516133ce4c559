import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  aheadPp,
  completionPct,
  firstMonthMet,
  isMet,
  monthsFromYtd,
  schedulePct,
  ytdFromMonths,
} from '../../core/completion.ts';

const d = (v: string | number) => new Decimal(v);
const halfUp = (v: Decimal | null, places: number) =>
  v?.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);

describe('completion with exact decimals (seed 004)', () => {
  it('409,720 and 351,480 against 400,000 display as 102.43% and 87.87%', () => {
    expect(halfUp(completionPct(d(409720), d(400000)), 2)).toBe('102.43');
    expect(halfUp(completionPct(d(351480), d(400000)), 2)).toBe('87.87');
  });

  it('the same figures given only as 40.97万 and 35.15万 display as 102.43% and 87.88%', () => {
    expect(halfUp(completionPct(d('409700'), d(400000)), 2)).toBe('102.43');
    expect(halfUp(completionPct(d('351500'), d(400000)), 2)).toBe('87.88');
    // Binary floating point gets this one wrong: 35.15 / 40 * 100 = 87.87499999999999.
    expect(((35.15 / 40) * 100).toFixed(2)).not.toBe('87.88');
  });

  it('has no completion against a zero target', () => {
    expect(completionPct(d(5), d(0))).toBeNull();
  });
});

describe('时序进度 and 个百分点', () => {
  it('is N ÷ 12 for a year: 83.3% in October', () => {
    expect(halfUp(schedulePct(10, { startYear: 2022, endYear: 2022, year: 2022 }), 1)).toBe('83.3');
    expect(schedulePct(12, { startYear: 2022, endYear: 2022, year: 2022 }).toString()).toBe('100');
  });

  it('counts months across a multi-year window: October 2022 in 2021–2023 is 22 ÷ 36', () => {
    expect(halfUp(schedulePct(10, { startYear: 2021, endYear: 2023, year: 2022 }), 2)).toBe('61.11');
  });

  it('uses a seasonal profile when the indicator has one', () => {
    const profile = [5, 10, 20, 30, 40, 55, 65, 70, 80, 88, 95, 100];
    expect(schedulePct(10, { startYear: 2022, endYear: 2022, year: 2022 }, profile).toString()).toBe('88');
  });

  it('gives the bulletin figures: 31.20万 of 35万 by October is 89.1%, 5.8 个百分点 ahead', () => {
    const completion = completionPct(d(312000), d(350000))!;
    const schedule = schedulePct(10, { startYear: 2022, endYear: 2022, year: 2022 });
    expect(halfUp(completion, 1)).toBe('89.1');
    expect(halfUp(aheadPp(completion, schedule), 1)).toBe('5.8');
  });

  it('is negative when behind: 25万 of 35万 by October is 11.9 个百分点 behind', () => {
    const completion = completionPct(d(250000), d(350000))!;
    expect(
      halfUp(aheadPp(completion, schedulePct(10, { startYear: 2022, endYear: 2022, year: 2022 })), 1),
    ).toBe('-11.9');
  });
});

describe('met honours the direction', () => {
  it('a floor is met at or above it, a ceiling at or below it', () => {
    expect(isMet(d('93'), d('93'), 'at_least')).toBe(true);
    expect(isMet(d('92.99'), d('93'), 'at_least')).toBe(false);
    expect(isMet(d('5.5'), d('5.5'), 'at_most')).toBe(true);
    expect(isMet(d('5.6'), d('5.5'), 'at_most')).toBe(false);
  });
});

describe('提前 N 个月完成', () => {
  it('finds the first month the YTD reached the target', () => {
    const ytd = [3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36].map((v) => d(v * 10000));
    expect(firstMonthMet(ytd, d(300000))).toEqual({ month: 10, monthsEarly: 2 });
    expect(firstMonthMet(ytd, d(400000))).toBeNull();
    expect(firstMonthMet(ytd, d(180000), 6)).toEqual({ month: 6, monthsEarly: 0 });
  });
});

describe('month ↔ year-to-date', () => {
  it('month(N) = YTD(N) − YTD(N−1) and YTD(1) = month(1)', () => {
    const ytd = [d(100), d(250), null, d(500)];
    expect(monthsFromYtd(ytd).map((v) => v?.toString() ?? null)).toEqual(['100', '150', null, null]);
    expect(ytdFromMonths([d(100), d(150), d(120)]).map((v) => v?.toString())).toEqual(['100', '250', '370']);
    expect(ytdFromMonths([d(100), null, d(120)]).map((v) => v?.toString() ?? null)).toEqual([
      '100',
      null,
      null,
    ]);
  });
});
