import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { figureStatus, progressStatus } from '../../figures/figure-status.ts';
import { printedGap } from '../../figures/printed-gap.ts';
import type { CompletionFigure } from '../../figures/completion-figure.ts';

const w = (over: Partial<CompletionFigure>): CompletionFigure => ({
  indicatorCode: 'x',
  regionCode: '370200',
  month: 10,
  startYear: 2022,
  endYear: 2022,
  actual: new Decimal(1),
  target: new Decimal(1),
  completionPct: null,
  schedulePct: null,
  aheadPp: null,
  met: false,
  issuer: null,
  due: null,
  ...over,
});
const oct = { year: 2022, month: 10, places: 1 };
const sched = new Decimal(1000).dividedBy(12);

describe('figureStatus (one status for every output)', () => {
  it('judges a flow by the printed gap before its due month', () => {
    expect(printedGap('76.64', sched, 1).toString()).toBe('-6.7');
    expect(figureStatus('flow', w({ completionPct: new Decimal('76.64'), schedulePct: sched }), oct)).toBe(
      'behind',
    );
    // 83.36 − 83.333 = +0.03 exactly, printed 83.4 − 83.3 = +0.1
    expect(figureStatus('flow', w({ completionPct: new Decimal('83.36'), schedulePct: sched }), oct)).toBe(
      'ahead',
    );
    expect(figureStatus('flow', w({ completionPct: new Decimal('83.32'), schedulePct: sched }), oct)).toBe(
      'level',
    );
    expect(
      figureStatus('flow', w({ completionPct: new Decimal('101'), schedulePct: sched, met: true }), oct),
    ).toBe('met');
  });
  it('says missed only once the target is due, and not_due for a level before it', () => {
    const dec = { year: 2022, month: 12, places: 1 };
    expect(
      figureStatus('flow', w({ completionPct: new Decimal('93'), schedulePct: new Decimal(100) }), dec),
    ).toBe('missed');
    expect(figureStatus('stock', w({ completionPct: new Decimal('82'), endYear: 2023 }), dec)).toBe(
      'not_due',
    );
    expect(
      figureStatus('stock', w({ completionPct: new Decimal('82'), endYear: 2023 }), { ...dec, year: 2023 }),
    ).toBe('missed');
    // A target due in June (seed 004) is judged in June.
    const june = w({
      completionPct: new Decimal('87.88'),
      schedulePct: new Decimal(100),
      due: { year: 2022, month: 6 },
    });
    expect(figureStatus('flow', june, { year: 2022, month: 6, places: 2 })).toBe('missed');
  });
  it('judges a rate against its bound every month', () => {
    expect(figureStatus('ratio', w({ met: false }), oct)).toBe('missed');
    expect(figureStatus('rate', w({ met: true }), oct)).toBe('met');
    expect(figureStatus('flow', undefined, oct)).toBe('none');
  });
});

describe('the colour of a completion figure', () => {
  it('follows the gap to 时序进度 as displayed with two decimals', () => {
    expect(progressStatus('flow', { met: false, aheadPp: '6.02' })).toBe('ahead');
    expect(progressStatus('flow', { met: false, aheadPp: '-0.004' })).toBe('level');
    expect(progressStatus('flow', { met: false, aheadPp: '-0.005' })).toBe('behind');
    expect(progressStatus('flow', { met: true, aheadPp: '-3' })).toBe('met');
    expect(progressStatus('stock', { met: false, aheadPp: null })).toBe('none');
  });

  it('is met or not met for ratios and rates', () => {
    expect(progressStatus('ratio', { met: false, aheadPp: '-0.03' })).toBe('not_met');
    expect(progressStatus('rate', { met: true, aheadPp: '0.5' })).toBe('met');
  });
});
