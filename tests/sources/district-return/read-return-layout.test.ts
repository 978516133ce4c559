import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../../catalogue/load-catalogue.ts';
import { classifyHeader } from '../../../sources/district-return/classify-header.ts';
import { findDistrict, findPeriod } from '../../../sources/district-return/find-region-and-period.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

describe('classifyHeader', () => {
  it.each([
    ['本月', 'month'],
    ['当月', 'month'],
    ['本月完成', 'month'],
    ['累计', 'ytd'],
    ['1-10月累计', 'ytd'],
    ['累计完成', 'ytd'],
    ['1—10月', 'ytd'],
    ['全年目标', 'target'],
    ['年度任务', 'target'],
    ['年计划', 'target'],
    ['计量单位', 'unit'],
    ['指标名称', 'label'],
    ['上月累计', 'ignore'],
    ['完成年计划（%）', 'ignore'],
    ['上年同期', 'ignore'],
  ])('%s → %s', (text, kind) => {
    expect(classifyHeader(text)?.kind).toBe(kind);
  });

  it('reads a month column and its unit bracket', () => {
    expect(classifyHeader('10月')).toEqual({ kind: 'calendar_month', month: 10 });
    expect(classifyHeader('本月（万人）')).toEqual({ kind: 'month' });
    expect(classifyHeader('13月')).toBeNull();
    expect(classifyHeader('2022年分月完成情况')).toBeNull();
  });
});

describe('findPeriod and findDistrict', () => {
  it('reads a report month from 报告期, a YTD title or a file name', () => {
    expect(findPeriod('报告期：2022年10月')).toMatchObject({ kind: 'period', period: '2022-10' });
    expect(findPeriod('2022年1-10月就业创业主要指标完成情况表')).toMatchObject({ period: '2022-10' });
    expect(findPeriod('2022年１－３月')).toMatchObject({ period: '2022-03' });
    expect(findPeriod('2022年10月_市南区_就业创业主要指标.xlsx')).toMatchObject({ period: '2022-10' });
    expect(findPeriod('报告期：2022年13月')).toMatchObject({ kind: 'invalid' });
    expect(findPeriod('2022年3-10月')).toMatchObject({ kind: 'invalid' });
    expect(findPeriod('人社重点指标完成情况表')).toBeNull();
  });

  it('finds districts by name or alias, never the city', () => {
    expect(findDistrict('填报单位：青岛西海岸新区人社局', catalogue)?.code).toBe('370211');
    expect(findDistrict('填报单位：青岛市市南区人力资源和社会保障局（盖章）', catalogue)?.code).toBe(
      '370202',
    );
    expect(findDistrict('2022年10月_即墨_主要指标.xlsx', catalogue)?.code).toBe('370215');
    expect(findDistrict('填报单位：青岛市高新区人力资源和社会保障局', catalogue)).toBeNull();
  });
});
