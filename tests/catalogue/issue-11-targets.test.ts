/**
 * Issue 11: every quantified target of seeds 001, 002 and 004 is in the catalogue, with issuer and
 * due month; a 年均 figure is tracked per year and as the window total; a later plan's figure for
 * one year overrides it visibly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue, Target } from '../../catalogue/catalogue.ts';
import { loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { parseTargets } from '../../catalogue/parse-targets.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const find = (name: string, start: number, end: number, issuer: Target['issuer'] = '市定') => {
  const code = catalogue.findIndicator(name)?.code;
  const rows = catalogue.targets.filter(
    (t) => t.indicatorCode === code && t.startYear === start && t.endYear === end && t.issuer === issuer,
  );
  expect(rows, `${name} ${start}–${end} ${issuer}`).toHaveLength(1);
  const t = rows[0]!;
  return {
    value: t.targetValue.toString(),
    basis: t.basis,
    direction: t.direction,
    due: t.duePeriod,
    approximate: t.approximate,
  };
};

describe('issue 11: the seeds’ quantified targets', () => {
  it('holds seed 002’s targets that were missing', () => {
    expect(find('新增博士后科研工作（流动）站数', 2021, 2023)).toMatchObject({
      value: '5',
      basis: 'window_total',
    });
    expect(find('新增省级博士后创新实践基地数', 2021, 2023)).toMatchObject({
      value: '8',
      basis: 'window_total',
    });
    expect(find('新增市级博士后创新实践基地数', 2021, 2023)).toMatchObject({
      value: '50',
      basis: 'window_total',
    });
    expect(find('新增取得专业技术人员职业资格证书人数', 2021, 2023)).toMatchObject({ value: '45000' });
    for (const year of [2021, 2022, 2023]) {
      expect(find('技师工作站建设数', year, year)).toMatchObject({ value: '10', basis: 'yearly' });
      expect(find('劳模和工匠人才创新工作室建设数', year, year)).toMatchObject({ value: '20' });
      expect(find('青创先锋工作室建设数', year, year)).toMatchObject({ value: '10' });
      expect(find('城乡居民养老保险基金新增结余委托投资比例', year, year)).toMatchObject({
        value: '80',
        direction: 'at_least',
      });
      expect(find('零就业家庭户数', year, year)).toMatchObject({ value: '0', direction: 'at_most' });
    }
    expect(find('技师工作站建设数', 2021, 2023)).toMatchObject({ value: '30', basis: 'window_total' });
    // "100家左右" is an approximate figure, not a floor.
    expect(find('金牌劳动人事争议调解组织数', 2021, 2023)).toMatchObject({ value: '100', approximate: true });
    expect(find('公共就业服务事项全程网办率', 2021, 2023)).toMatchObject({ value: '100' });
    expect(find('公共就业服务事项通办率', 2021, 2023)).toMatchObject({ value: '100' });
  });

  it('gives 毕业去向落实率 and 登记失业率, from the same sentence, the same window kind', () => {
    for (const year of [2021, 2022, 2023]) {
      expect(find('高校毕业生毕业去向落实率', year, year).basis).toBe('yearly');
      expect(find('城镇登记失业率', year, year).basis).toBe('yearly');
    }
  });

  it('holds seed 004’s province targets as 省下达, the 40万 posts due in June', () => {
    expect(find('城乡公益性岗位创设数', 2022, 2022, '省下达')).toMatchObject({
      value: '400000',
      due: '2022-06',
    });
    expect(find('城乡公益性岗位安置上岗人数', 2022, 2022, '省下达')).toMatchObject({
      value: '400000',
      due: '2022-06',
    });
    expect(find('城镇新增就业', 2022, 2022, '省下达')).toMatchObject({ value: '1100000', due: '2022-12' });
  });
});

describe('issue 11: targets by issuer, 年均 and overrides', () => {
  const entry = (over: Record<string, unknown>) => ({
    indicator: '补贴性职业技能培训人次',
    region: '青岛市',
    start_year: 2021,
    end_year: 2023,
    basis: 'yearly',
    value: '10万',
    source: '三年行动计划 年均10万人次',
    ...over,
  });
  const parse = (entries: unknown[]) =>
    parseTargets([{ name: 't.json', text: JSON.stringify({ targets: entries }) }], catalogue);

  it('lets a later plan raise one year of a 年均 figure, keeping the plan it replaced visible', () => {
    const { targets, problems } = parse([
      entry({}),
      entry({
        start_year: 2023,
        end_year: 2023,
        basis: 'annual',
        value: '12万',
        source: '2023年工作要点 12万人次',
      }),
    ]);
    expect(problems).toEqual([]);
    expect(
      targets.map((t) => [t.startYear, t.endYear, t.basis, t.targetValue.toString(), t.source, t.overrides]),
    ).toEqual([
      [2021, 2021, 'yearly', '100000', '三年行动计划 年均10万人次', null],
      [2022, 2022, 'yearly', '100000', '三年行动计划 年均10万人次', null],
      [2023, 2023, 'annual', '120000', '2023年工作要点 12万人次', '100000（三年行动计划 年均10万人次）'],
      [2021, 2023, 'window_total', '300000', '年均×3年：三年行动计划 年均10万人次', null],
    ]);
  });

  it('keeps a 省下达 and a 市定 target for the same window, and still refuses two 市定 figures', () => {
    const both = parse([
      entry({ start_year: 2022, end_year: 2022, basis: 'annual' }),
      entry({ start_year: 2022, end_year: 2022, basis: 'annual', value: '9万', issuer: '省下达' }),
    ]);
    expect(both.problems).toEqual([]);
    expect(both.targets.map((t) => [t.issuer, t.targetValue.toString()])).toEqual([
      ['市定', '100000'],
      ['省下达', '90000'],
    ]);
    const clash = parse([
      entry({ start_year: 2022, end_year: 2022, basis: 'annual' }),
      entry({ start_year: 2022, end_year: 2022, basis: 'annual', value: '9万' }),
    ]);
    expect(clash.problems.map((p) => p.code)).toEqual(['inconsistent']);
  });
});
