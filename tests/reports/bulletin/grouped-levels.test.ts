import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { groupedLevels } from '../../../reports/bulletin/grouped-levels.ts';
import type { IndicatorFigure } from '../../../reports/bulletin/indicator-figure.ts';

const level = (nameZh: string, value: string, unit = '人', displayUnit = '万人'): IndicatorFigure => ({
  indicator: {
    code: nameZh,
    nameZh,
    category: '社会保障',
    kind: 'stock',
    unit,
    displayUnit,
    direction: 'at_least',
    numeratorCode: null,
    denominatorCode: null,
    baseCode: null,
    scheduleProfile: null,
  },
  regionName: '全市',
  year: 2022,
  month: 8,
  value: new Decimal(value),
  componentKind: 'level',
  windows: [],
});

// Issue 13: seed 003's "企业养老、…参保人数分别达到…".
describe('groupedLevels', () => {
  it('groups levels sharing 保险参保人数 with 分别达到 and lists the others after', () => {
    expect(
      groupedLevels([
        level('企业职工基本养老保险参保人数', '4294400'),
        level('失业保险参保人数', '2595700'),
        level('工伤保险参保人数', '3044500'),
        level('建立企业年金企业数', '2102', '户', '户'),
      ]),
    ).toBe(
      '截至8月底，全市企业职工基本养老、失业和工伤保险参保人数分别达到429.44万人、259.57万人和304.45万人；建立企业年金企业数达到2102户。',
    );
  });
  it('keeps a lone level to its own clause', () => {
    expect(groupedLevels([level('失业保险参保人数', '2595700')])).toBe(
      '截至8月底，全市失业保险参保人数达到259.57万人。',
    );
  });
});
