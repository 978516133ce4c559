import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { IndicatorFigure, WindowFigure } from '../../../reports/bulletin/indicator-figure.ts';
import { flowSubject } from '../../../reports/bulletin/flow-sentence.ts';
import { indicatorSentence } from '../../../reports/bulletin/indicator-sentence.ts';
import type { ReportIndicator } from '../../../reports/report-data.ts';

const indicator = (over: Partial<ReportIndicator>): ReportIndicator => ({
  code: 'x',
  nameZh: '城镇新增就业',
  category: '就业创业',
  kind: 'flow',
  unit: '人',
  displayUnit: '万人',
  direction: 'at_least',
  numeratorCode: null,
  denominatorCode: null,
  baseCode: null,
  scheduleProfile: null,
  ...over,
});

/** A window with completion computed exactly as the completion view does. */
function window(actual: string, target: string, over: Partial<WindowFigure> = {}): WindowFigure {
  const a = new Decimal(actual);
  const t = new Decimal(target);
  const completionPct = a.times(100).dividedBy(t);
  const schedulePct = new Decimal(10 * 100).dividedBy(12);
  return {
    indicatorCode: 'x',
    regionCode: '370200',
    month: 10,
    startYear: 2022,
    endYear: 2022,
    actual: a,
    target: t,
    completionPct,
    schedulePct,
    aheadPp: completionPct.minus(schedulePct),
    met: a.gte(t),
    firstMetMonth: null,
    issuer: null,
    due: null,
    ...over,
  };
}

const figure = (
  ind: ReportIndicator,
  value: string | null,
  windows: WindowFigure[],
  over: Partial<IndicatorFigure> = {},
): IndicatorFigure => ({
  indicator: ind,
  regionName: '全市',
  year: 2022,
  month: 10,
  value: value === null ? null : new Decimal(value),
  componentKind: 'flow',
  windows,
  ...over,
});

describe('flows', () => {
  const jobs = indicator({});
  it('reads like seed 003 when ahead of schedule', () => {
    // 311,850 ÷ 350,000 = 89.1% (89.1000); schedule 83.333…; 5.7667 → 5.8
    expect(indicatorSentence(figure(jobs, '311850', [window('311850', '350000')]))).toBe(
      '1-10月，全市实现城镇新增就业31.19万人，完成年计划的89.1%，快于时序进度5.8个百分点',
    );
  });
  it('says 慢于 when behind and 持平 when level at the displayed precision', () => {
    // 280,000 ÷ 350,000 = 80%: 3.333… behind
    expect(indicatorSentence(figure(jobs, '280000', [window('280000', '350000')]))).toBe(
      '1-10月，全市实现城镇新增就业28.00万人，完成年计划的80.0%，慢于时序进度3.3个百分点',
    );
    // 291,680 ÷ 350,000 = 83.3371%: +0.0038 → 持平
    expect(indicatorSentence(figure(jobs, '291680', [window('291680', '350000')]))).toBe(
      '1-10月，全市实现城镇新增就业29.17万人，完成年计划的83.3%，与时序进度持平',
    );
  });
  it('says 提前N个月超额完成全年任务 once met, counting from the first month met', () => {
    expect(
      indicatorSentence(figure(jobs, '361000', [window('361000', '350000', { firstMetMonth: 9 })])),
    ).toBe('1-10月，全市实现城镇新增就业36.10万人，完成年计划的103.1%，提前3个月超额完成全年任务');
    expect(
      indicatorSentence(figure(jobs, '350000', [window('350000', '350000', { firstMetMonth: 10 })])),
    ).toBe('1-10月，全市实现城镇新增就业35.00万人，完成年计划的100.0%，提前2个月完成全年任务');
    const december = figure(jobs, '360000', [window('360000', '350000', { month: 12, firstMetMonth: 12 })], {
      month: 12,
    });
    expect(indicatorSentence(december)).toBe(
      '全年，全市实现城镇新增就业36.00万人，完成年计划的102.9%，超额完成全年任务',
    );
  });
  // Issue 13: after the due month the sentence gives the result, and 差 comes from printed figures.
  it('says 未完成全年任务，差… in December, the gap from the printed figures', () => {
    // 348,640 → 34.86万; 35.00 − 34.86 = 0.14万 (exact 0.1360 would also print 0.14)
    const december = figure(jobs, '348640', [window('348640', '350000', { month: 12 })], { month: 12 });
    expect(indicatorSentence(december)).toBe(
      '全年，全市实现城镇新增就业34.86万人，完成年计划的99.6%，未完成全年任务，差0.14万人',
    );
    const grads = indicator({ nameZh: '扶持大学生创业人数', displayUnit: '人' });
    const few = figure(grads, '2790', [window('2790', '3000', { month: 12 })], { month: 12 });
    expect(indicatorSentence(few)).toBe(
      '全年，全市扶持大学生创业2790人，完成年计划的93.0%，未完成全年任务，差210人',
    );
  });
  // Issue 13: 76.64 − 83.33 = −6.69 exactly, but printed 76.6 − 83.3 = −6.7.
  it('computes 快于/慢于 from the printed completion and schedule', () => {
    const w = window('268240', '350000');
    expect(w.completionPct!.toFixed(4)).toBe('76.6400');
    expect(indicatorSentence(figure(jobs, '268240', [w]))).toBe(
      '1-10月，全市实现城镇新增就业26.82万人，完成年计划的76.6%，慢于时序进度6.7个百分点',
    );
    // 58.35 against 58.3333: exact gap +0.0167 rounds to 0.0, printed 58.4 − 58.3 = 0.1.
    const seven = window('204225', '350000', { month: 7, schedulePct: new Decimal(700).dividedBy(12) });
    expect(indicatorSentence(figure(jobs, '204225', [seven], { month: 7 }))).toBe(
      '1-7月，全市实现城镇新增就业20.42万人，完成年计划的58.4%，快于时序进度0.1个百分点',
    );
  });
  it('adds a multi-year window as a cumulative clause', () => {
    const three = window('951000', '1050000', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: new Decimal(22 * 100).dividedBy(36),
    });
    const aheadPp = three.completionPct!.minus(three.schedulePct!);
    expect(
      indicatorSentence(figure(jobs, '311850', [window('311850', '350000'), { ...three, aheadPp }])),
    ).toBe(
      '1-10月，全市实现城镇新增就业31.19万人，完成年计划的89.1%，快于时序进度5.8个百分点；2021年以来累计95.10万人，完成2021-2023年目标的90.6%，快于时序进度29.5个百分点',
    );
  });
  it('gives the cumulative total when the only target is a multi-year window', () => {
    const postdocs = indicator({ nameZh: '新增博士后研究人员数', displayUnit: '人' });
    const w = window('840', '1500', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: new Decimal(22 * 100).dividedBy(36),
    });
    const aheadPp = w.completionPct!.minus(w.schedulePct!);
    // 840 ÷ 1500 = 56.0%; 56 − 61.111 = −5.111
    expect(indicatorSentence(figure(postdocs, '310', [{ ...w, aheadPp }]))).toBe(
      '1-10月，全市新增博士后研究人员310人，2021年以来累计840人，完成2021-2023年目标的56.0%，慢于时序进度5.1个百分点',
    );
    // Without the earlier Decembers the cumulative figure is unknown: no made-up completion.
    expect(indicatorSentence(figure(postdocs, '310', [{ ...w, actual: null, completionPct: null }]))).toBe(
      '1-10月，全市新增博士后研究人员310人',
    );
  });
  it('uses plain counts below 1万 and drops counting suffixes', () => {
    const grads = indicator({ nameZh: '扶持大学生创业人数', displayUnit: '人' });
    expect(indicatorSentence(figure(grads, '2700', [window('2700', '3000')]))).toBe(
      '1-10月，全市扶持大学生创业2700人，完成年计划的90.0%，快于时序进度6.7个百分点',
    );
    expect(flowSubject('补贴性职业技能培训人次')).toBe('补贴性职业技能培训');
    expect(flowSubject('城乡公益性岗位创设数')).toBe('城乡公益性岗位创设');
  });
  it('says so when there is no figure, never 0', () => {
    expect(indicatorSentence(figure(jobs, null, []))).toBe('1-10月，全市城镇新增就业暂无数据');
  });
});

// SPEC §3: a province-assigned target (省下达任务) of the same window follows the city's own (市定).
describe('flows with a province-assigned target beside the city’s own', () => {
  const jobs = indicator({});
  const posts = indicator({ nameZh: '城乡公益性岗位创设数', unit: '个', displayUnit: '万个' });
  const province = (actual: string, target: string, over: Partial<WindowFigure> = {}) =>
    window(actual, target, { issuer: '省下达', ...over });
  const withProvince = (city: WindowFigure, provincial: WindowFigure): WindowFigure => ({
    ...city,
    issuer: '市定',
    provincial,
  });
  it('adds 完成省下达任务的x% after the city’s clause, without a schedule of its own', () => {
    // 312,644 ÷ 350,000 = 89.3269% → 89.3, 89.3 − 83.3 = 6.0; 312,644 ÷ 330,000 = 94.7406% → 94.7
    const w = withProvince(window('312644', '350000'), province('312644', '330000'));
    expect(indicatorSentence(figure(jobs, '312644', [w]))).toBe(
      '1-10月，全市实现城镇新增就业31.26万人，完成年计划的89.3%，快于时序进度6.0个百分点，完成省下达任务的94.7%',
    );
  });
  it('puts the province clause after its own window, before a multi-year window', () => {
    const three = window('666321', '1050000', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: new Decimal(22 * 100).dividedBy(36),
    });
    const w = withProvince(window('312644', '350000'), province('312644', '330000'));
    // 666,321 ÷ 1,050,000 = 63.4592% → 63.5; 61.1111 → 61.1; 63.5 − 61.1 = 2.4
    expect(indicatorSentence(figure(jobs, '312644', [w, three]))).toBe(
      '1-10月，全市实现城镇新增就业31.26万人，完成年计划的89.3%，快于时序进度6.0个百分点，完成省下达任务的94.7%；2021年以来累计66.63万人，完成2021-2023年目标的63.5%，快于时序进度2.4个百分点',
    );
  });
  it('says 提前N个月超额完成省下达任务 when the province’s target was met early', () => {
    // City 36,386 ÷ 37,000 = 98.3405% → 98.3, 98.3 − 83.3 = 15.0; province 36,386 ÷ 24,000 = 151.6083% → 151.6,
    // met since June: 12 − 6 = 6 months before December.
    const w = withProvince(window('36386', '37000'), province('36386', '24000', { firstMetMonth: 6 }));
    expect(indicatorSentence(figure(posts, '36386', [w]))).toBe(
      '1-10月，全市城乡公益性岗位创设3.64万个，完成年计划的98.3%，快于时序进度15.0个百分点，完成省下达任务的151.6%，提前6个月超额完成省下达任务',
    );
    // The province's own due month counts (seed 004: due 6月底前): met in June is on time, not early.
    const dueJune = province('36386', '24000', { firstMetMonth: 6, due: { year: 2022, month: 6 } });
    expect(indicatorSentence(figure(posts, '36386', [withProvince(window('36386', '37000'), dueJune)]))).toBe(
      '1-10月，全市城乡公益性岗位创设3.64万个，完成年计划的98.3%，快于时序进度15.0个百分点，完成省下达任务的151.6%，超额完成省下达任务',
    );
  });
  it('gives the result for both targets in December', () => {
    // 353,100 ÷ 350,000 = 100.8857% → 100.9; ÷ 330,000 = 107.0000% → 107.0
    const met = withProvince(
      window('353100', '350000', { month: 12, firstMetMonth: 12 }),
      province('353100', '330000', { month: 12, firstMetMonth: 12 }),
    );
    expect(indicatorSentence(figure(jobs, '353100', [met], { month: 12 }))).toBe(
      '全年，全市实现城镇新增就业35.31万人，完成年计划的100.9%，超额完成全年任务，完成省下达任务的107.0%，超额完成省下达任务',
    );
    // 320,000 ÷ 350,000 = 91.4286% → 91.4, 差 35.00 − 32.00 = 3.00万; ÷ 330,000 = 96.9697% → 97.0
    const missed = withProvince(
      window('320000', '350000', { month: 12 }),
      province('320000', '330000', { month: 12 }),
    );
    expect(indicatorSentence(figure(jobs, '320000', [missed], { month: 12 }))).toBe(
      '全年，全市实现城镇新增就业32.00万人，完成年计划的91.4%，未完成全年任务，差3.00万人，完成省下达任务的97.0%，未完成省下达任务',
    );
  });
  it('keeps a window with only a province-assigned target as the one target, named 省下达任务', () => {
    expect(indicatorSentence(figure(jobs, '312644', [province('312644', '330000')]))).toBe(
      '1-10月，全市实现城镇新增就业31.26万人，完成省下达任务的94.7%，快于时序进度11.4个百分点',
    );
  });
});

describe('net changes', () => {
  const net = indicator({ nameZh: '企业社会保险参保缴费人数净增', kind: 'net_change' });
  it('gives the change, completion and schedule', () => {
    expect(indicatorSentence(figure(net, '65200', [window('65200', '80000')]))).toBe(
      '1-10月，全市企业社会保险参保缴费人数净增6.52万人，完成年计划的81.5%，慢于时序进度1.8个百分点',
    );
  });
  it('says 净减少 for a fall', () => {
    expect(indicatorSentence(figure(net, '-12000', [window('-12000', '80000')]))).toBe(
      '1-10月，全市企业社会保险参保缴费人数净减少1.20万人，完成年计划的-15.0%，慢于时序进度98.3个百分点',
    );
  });
});

describe('stocks', () => {
  const insured = indicator({ nameZh: '失业保险参保人数', kind: 'stock' });
  it('gives the level and 完成目标的x% against a level to reach by a later year', () => {
    const w = window('2501234', '2740000', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: null,
      aheadPp: null,
    });
    expect(indicatorSentence(figure(insured, '2501234', [w]))).toBe(
      '截至10月底，全市失业保险参保人数达到250.12万人，完成2023年目标的91.3%',
    );
  });
  it('says 提前N个月超额完成目标 when the level is reached early', () => {
    const w = window('2800000', '2740000', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: null,
      aheadPp: null,
      firstMetMonth: 8,
    });
    expect(indicatorSentence(figure(insured, '2800000', [w]))).toBe(
      '截至10月底，全市失业保险参保人数达到280.00万人，完成2023年目标的102.2%，提前16个月超额完成目标',
    );
  });
  it('says what a level not reached by its due month is short of, from the printed figures', () => {
    // 招才引智工作站 17 of 20 in December: 差3家; 274万 target, 250.12万 reached: 差23.88万人.
    const stations = indicator({ nameZh: '招才引智工作站数', kind: 'stock', unit: '家', displayUnit: '家' });
    const year = window('17', '20', { month: 12, schedulePct: null, aheadPp: null });
    expect(indicatorSentence(figure(stations, '17', [year], { month: 12 }))).toBe(
      '截至12月底，全市招才引智工作站数达到17家，完成年度目标的85.0%，未完成目标，差3家',
    );
    const w = window('2501234', '2740000', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: null,
      aheadPp: null,
    });
    expect(indicatorSentence(figure(insured, '2501234', [w], { year: 2023, month: 12 }))).toBe(
      '截至12月底，全市失业保险参保人数达到250.12万人，完成2023年目标的91.3%，未完成目标，差23.88万人',
    );
  });
  it('formats 亿元', () => {
    const fund = indicator({ nameZh: '企业年金基金规模', kind: 'stock', unit: '元', displayUnit: '亿元' });
    const w = window('6543210000', '7000000000', {
      startYear: 2021,
      endYear: 2023,
      schedulePct: null,
      aheadPp: null,
    });
    expect(indicatorSentence(figure(fund, '6543210000', [w]))).toBe(
      '截至10月底，全市企业年金基金规模达到65.43亿元，完成2023年目标的93.5%',
    );
  });
});

describe('ratios and rates', () => {
  const closure = indicator({
    nameZh: '劳动人事争议案件结案率',
    kind: 'ratio',
    unit: '%',
    displayUnit: '%',
    numeratorCode: 'closed',
  });
  const rateWindow = (actual: string, target: string, met: boolean) =>
    window(actual, target, { completionPct: null, schedulePct: null, aheadPp: null, met });
  it('says 达到 and 未达到 against a floor', () => {
    expect(indicatorSentence(figure(closure, '93.456', [rateWindow('93.456', '93', true)]))).toBe(
      '1-10月，全市劳动人事争议案件结案率为93.5%，达到93%的目标',
    );
    expect(indicatorSentence(figure(closure, '91.75', [rateWindow('91.75', '93', false)]))).toBe(
      '1-10月，全市劳动人事争议案件结案率为91.8%，低于93%的目标1.2个百分点',
    );
    // Issue 13: a miss never prints as the target: 92.97 gets two decimals.
    expect(indicatorSentence(figure(closure, '92.97', [rateWindow('92.97', '93', false)]))).toBe(
      '1-10月，全市劳动人事争议案件结案率为92.97%，低于93%的目标0.03个百分点',
    );
  });
  it('dates a ratio of stocks at month end', () => {
    const poverty = indicator({ nameZh: '脱贫人口帮扶率', kind: 'ratio', unit: '%', displayUnit: '%' });
    expect(
      indicatorSentence(figure(poverty, '100', [rateWindow('100', '100', true)], { componentKind: 'level' })),
    ).toBe('截至10月底，全市脱贫人口帮扶率为100.0%，达到100%的目标');
  });
  it('says 控制在…以内 for a ceiling, and how far above it when not met', () => {
    const unemployment = indicator({
      nameZh: '城镇调查失业率',
      kind: 'rate',
      unit: '%',
      displayUnit: '%',
      direction: 'at_most',
    });
    expect(indicatorSentence(figure(unemployment, '5.2', [rateWindow('5.2', '5.5', true)]))).toBe(
      '10月，全市城镇调查失业率为5.2%，控制在5.5%以内，达到目标',
    );
    expect(indicatorSentence(figure(unemployment, '5.8', [rateWindow('5.8', '5.5', false)]))).toBe(
      '10月，全市城镇调查失业率为5.8%，高于5.5%的控制目标0.3个百分点，未达到目标',
    );
  });
  it('keeps a rate without a target to the rate', () => {
    const auth = indicator({
      nameZh: '养老保险待遇资格大数据认证率',
      kind: 'rate',
      unit: '%',
      displayUnit: '%',
    });
    expect(indicatorSentence(figure(auth, '94.85', []))).toBe(
      '10月，全市养老保险待遇资格大数据认证率为94.9%',
    );
  });
});
