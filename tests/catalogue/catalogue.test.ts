import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOGUE_DIR, loadCatalogue } from '../../catalogue/load-catalogue.ts';
import { parseCatalogue } from '../../catalogue/parse-catalogue.ts';

/** The canonical names SPEC §3 requires, including the ratio components. */
const SPEC_NAMES = [
  '城镇新增就业',
  '见习实习人数',
  '离校未就业高校毕业生服务率',
  '城乡公益性岗位创设数',
  '脱贫人口帮扶率',
  '城镇调查失业率',
  '城镇登记失业率',
  '政策性扶持创业人数',
  '扶持大学生创业人数',
  '高校毕业生毕业去向落实率',
  '帮扶就业困难人员就业人数',
  '帮扶失业人员再就业人数',
  '补贴性职业技能培训人次',
  '新型学徒制培训人数',
  '劳务合作基地数',
  '企业社会保险参保缴费人数净增',
  '基本养老保险参保率',
  '失业保险参保人数',
  '工伤保险参保人数',
  '社会保障卡持卡人数',
  '企业职工基本养老保险参保人数',
  '机关事业单位养老保险参保人数',
  '城乡居民养老保险参保人数',
  '建立企业年金企业数',
  '企业年金基金规模',
  '引进集聚人才数',
  '招才引智工作站数',
  '新增技能人才数',
  '新增高技能人才数',
  '高技能人才总量',
  '技工院校招生人数',
  '专业技术人员继续教育培训人次',
  '新增博士后研究人员数',
  '职业技能等级认定人次',
  '技能人才自主评价企业数',
  '新增高级职称人才数',
  '劳动人事争议案件结案率',
  '劳动人事争议案件调解率',
  '劳动保障监察案件按期结案率',
  '12333热线接通率',
  '养老保险待遇资格大数据认证率',
  '依申请事项全程网办率',
  '劳动人事争议受理案件数',
  '劳动人事争议结案数',
  '劳动人事争议调解结案数',
  '劳动保障监察立案数',
  '劳动保障监察按期结案数',
  '12333呼入量',
  '12333人工接通量',
  '离校未就业高校毕业生登记数',
  '离校未就业高校毕业生服务数',
];

const bundled = (name: string) => ({
  name,
  text: readFileSync(path.join(BUNDLED_CATALOGUE_DIR, name), 'utf8'),
});

describe('the bundled catalogue', () => {
  it('has every SPEC §3 canonical name', async () => {
    const catalogue = await loadCatalogue();
    const names = new Set(catalogue.indicators.map((i) => i.nameZh));
    expect(SPEC_NAMES.filter((n) => !names.has(n))).toEqual([]);
  });

  it('defines ratios by their components', async () => {
    const catalogue = await loadCatalogue();
    const closure = catalogue.findIndicator('劳动人事争议案件结案率')!;
    expect(closure.kind).toBe('ratio');
    expect(catalogue.indicators.find((i) => i.code === closure.numeratorCode)?.nameZh).toBe(
      '劳动人事争议结案数',
    );
    expect(catalogue.indicators.find((i) => i.code === closure.denominatorCode)?.nameZh).toBe(
      '劳动人事争议受理案件数',
    );
    const mediation = catalogue.findIndicator('劳动人事争议案件调解率')!;
    expect(catalogue.indicators.find((i) => i.code === mediation.denominatorCode)?.nameZh).toBe(
      '劳动人事争议结案数',
    );
    const net = catalogue.findIndicator('企业社会保险参保缴费人数净增')!;
    expect(net.kind).toBe('net_change');
    expect(catalogue.indicators.find((i) => i.code === net.baseCode)?.kind).toBe('stock');
    expect(catalogue.findIndicator('新增高技能人才数')?.parentCode).toBe(
      catalogue.findIndicator('新增技能人才数')?.code,
    );
  });

  it('holds the seed targets in base units', async () => {
    const catalogue = await loadCatalogue();
    const target = (name: string, region: string, start: number, end = start) => {
      const i = catalogue.findIndicator(name)!;
      const r = catalogue.findRegion(region)!;
      return catalogue.targets
        .filter(
          (t) =>
            t.indicatorCode === i.code &&
            t.regionCode === r.code &&
            t.startYear === start &&
            t.endYear === end,
        )
        .map((t) => `${t.targetValue.toString()} ${t.direction}`);
    };
    expect(target('城镇新增就业', '青岛市', 2022)).toEqual(['350000 at_least']);
    expect(target('城镇新增就业', '青岛市', 2021, 2023)).toEqual(['1050000 at_least']);
    expect(target('城镇调查失业率', '青岛市', 2022)).toEqual(['5.5 at_most']);
    expect(target('城镇登记失业率', '青岛市', 2023)).toEqual(['4 at_most']);
    expect(target('补贴性职业技能培训人次', '青岛市', 2021)).toEqual(['100000 at_least']);
    expect(target('企业年金基金规模', '青岛市', 2021, 2023)).toEqual(['7000000000 at_least']);
    expect(target('失业保险参保人数', '青岛市', 2021, 2023)).toEqual(['2740000 at_least']);
    expect(target('城镇新增就业', '山东省', 2022)).toEqual(['1100000 at_least']);
    expect(target('城乡公益性岗位创设数', '山东省', 2022)).toEqual(['400000 at_least']);
  });

  it('finds labels as returns write them, and regions by old names', async () => {
    const catalogue = await loadCatalogue();
    expect(catalogue.findIndicator('1.城镇新增就业人数（万人）')?.code).toBe('urban_new_jobs');
    expect(catalogue.findIndicator('（三）１２３３３热线接通率(%)')?.code).toBe('hotline_answer_rate');
    expect(catalogue.findIndicator('城镇新增就业岗位')).toBeUndefined();
    expect(catalogue.nearestIndicatorNames('城镇新增就业岗位')[0]).toBe('城镇新增就业');
    expect(catalogue.findRegion('青岛西海岸新区')?.code).toBe('370211');
    expect(catalogue.findRegion('370285')?.nameZh).toBe('莱西市');
  });
});

describe('validation reports every problem with its path', () => {
  it('collects all bad entries at once instead of stopping at the first', () => {
    const indicators = JSON.parse(bundled('indicators.json').text);
    indicators.indicators[0].kind = 'cumulative';
    indicators.indicators[3].unit = 'persons';
    indicators.indicators.push({ ...indicators.indicators[1], code: 'copy_of_trainees' });
    const targets = {
      targets: [
        {
          indicator: '不存在的指标',
          region: '青岛市',
          start_year: 2022,
          end_year: 2022,
          basis: 'annual',
          value: '1万',
        },
        {
          indicator: '见习实习人数',
          region: '火星',
          start_year: 2022,
          end_year: 2022,
          basis: 'annual',
          value: '1万',
        },
        {
          indicator: '见习实习人数',
          region: '青岛市',
          start_year: 2022,
          end_year: 2022,
          basis: 'annual',
          value: '很多',
        },
      ],
    };
    const result = parseCatalogue({
      indicators: { name: 'indicators.json', text: JSON.stringify(indicators) },
      regions: bundled('regions.json'),
      targets: [{ name: 'bad-targets.json', text: JSON.stringify(targets) }],
    });
    expect(result.value).toBeUndefined();
    const seen = result.problems.map((p) => `${p.file}:${p.path.join('.')}:${p.code}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'indicators.json:indicators.0.kind:invalid_entry',
        'indicators.json:indicators.3.unit:invalid_entry',
        'indicators.json:indicators.68.name_zh:duplicate',
        'bad-targets.json:targets.0.indicator:unknown_reference',
        'bad-targets.json:targets.1.region:unknown_reference',
        'bad-targets.json:targets.2.value:invalid_entry',
      ]),
    );
  });

  it('refuses two different figures for the same target', () => {
    const targets = {
      targets: [
        {
          indicator: '城镇新增就业',
          region: '青岛市',
          start_year: 2022,
          end_year: 2022,
          basis: 'annual',
          value: '35万',
        },
        {
          indicator: '城镇新增就业',
          region: '青岛市',
          start_year: 2022,
          end_year: 2022,
          basis: 'annual',
          value: '36万',
        },
      ],
    };
    const result = parseCatalogue({
      indicators: bundled('indicators.json'),
      regions: bundled('regions.json'),
      targets: [{ name: 't.json', text: JSON.stringify(targets) }],
    });
    expect(result.problems).toMatchObject([{ code: 'inconsistent', path: ['targets', 1, 'value'] }]);
  });

  it('rejects a ratio without components and an unknown parent', () => {
    const indicators = JSON.parse(bundled('indicators.json').text);
    const ratio = indicators.indicators.find((i: { kind: string }) => i.kind === 'ratio');
    delete ratio.numerator;
    indicators.indicators[0].parent = 'no_such_indicator';
    const result = parseCatalogue({
      indicators: { name: 'i.json', text: JSON.stringify(indicators) },
      regions: bundled('regions.json'),
      targets: [],
    });
    expect(result.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['inconsistent', 'unknown_reference']),
    );
  });

  it('reports malformed JSON with the file name', () => {
    const result = parseCatalogue({
      indicators: { name: 'broken.json', text: '{ "indicators": [' },
      regions: bundled('regions.json'),
      targets: [],
    });
    expect(result.problems[0]).toMatchObject({ code: 'invalid_json', file: 'broken.json' });
  });
});
