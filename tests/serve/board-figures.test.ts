import { describe, expect, it } from 'vitest';
import { progressStatus } from '../../figures/figure-status.ts';
import { gapText, tableScale } from '../../serve/board-figures.ts';

const jobs = { kind: 'flow', unit: '人', displayUnit: '万人', direction: 'at_least' };

describe('the board prints figures as the bulletin does', () => {
  it('prints a table in 万 only when every figure in it is at least 1万', () => {
    const wan = tableScale(jobs, ['312644', '350000', '10000']);
    expect(wan.unit).toBe('万人');
    expect(wan.show('312644')).toBe('31.26');
    // 技工院校招生 9896 of 1万: 人, never 0.99万人; 12 is 12, never 0.00.
    const people = tableScale(jobs, ['9896', '10000', '12']);
    expect(people.unit).toBe('人');
    expect([people.show('9896'), people.show('10000'), people.show('12')]).toEqual(['9896', '10000', '12']);
    expect(people.show(null)).toBe('—');
    expect(tableScale({ ...jobs, kind: 'ratio', unit: '%' }, ['92.9651']).show('92.9651')).toBe('92.97');
  });

  it('computes a flow’s gap from the printed completion and 时序进度', () => {
    // 312,644 of 35万 is 89.3269%, printed 89.33; 83.3333 printed 83.33: +6.00, where the exact 5.9936
    // rounds to +5.99.
    const row = {
      actual: '312644',
      targetValue: '350000',
      completionPct: '89.3268571429',
      schedulePct: '83.3333333333',
      aheadPp: '5.9935238096',
    };
    expect(gapText(jobs, row)).toBe('+6.00个百分点');
  });

  it('gives a rate’s gap from its printed value, positive on the good side', () => {
    const rate = { actual: '92.9651', targetValue: '93', completionPct: null, schedulePct: null };
    expect(gapText({ kind: 'ratio', direction: 'at_least' }, { ...rate, aheadPp: '-0.0349' })).toBe(
      '-0.03个百分点',
    );
    // 城镇调查失业率 4.80% under a 5.5% ceiling: 0.70 on the good side.
    const ceiling = {
      actual: '4.8',
      targetValue: '5.5',
      completionPct: null,
      schedulePct: null,
      aheadPp: '0.7',
    };
    expect(gapText({ kind: 'rate', direction: 'at_most' }, ceiling)).toBe('+0.70个百分点');
  });

  it('shows a target not met by its due month as not met, not as behind schedule', () => {
    expect(progressStatus('flow', { met: false, aheadPp: '-15.00', due: true })).toBe('not_met');
    expect(progressStatus('flow', { met: false, aheadPp: '-15.00', due: false })).toBe('behind');
    expect(progressStatus('stock', { met: false, aheadPp: null, due: true })).toBe('not_met');
    expect(progressStatus('stock', { met: false, aheadPp: null, due: false })).toBe('none');
  });
});
