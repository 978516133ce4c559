/**
 * The monthly bulletin (月度通报, SPEC §9, wording of seed 003) as text and text tables, built from
 * `ReportData`. Pure and deterministic; Markdown and HTML only lay it out.
 */
import { Decimal } from 'decimal.js';
import {
  DEFAULT_PERCENT_PLACES,
  describeSchedule,
  formatInDisplayUnit,
  formatPercent,
  formatQuantity,
  formatSignedPp,
  formatTargetPercent,
  scheduleStatus,
  ytdLabel,
  type PercentPlaces,
} from '../format-number.ts';
import type { ReportData, ReportIndicator, SubmissionState } from '../report-data.ts';
import { indicatorFigure, type IndicatorFigure } from './indicator-figure.ts';
import { indicatorSentence } from './indicator-sentence.ts';
import { windowLabel } from './window-label.ts';

/** A table as display text; `marked` rows are behind schedule or short of target. */
export interface TextTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly marked: readonly boolean[];
}

export interface RankingTable extends TextTable {
  readonly indicator: ReportIndicator;
  readonly caption: string;
}

export interface Bulletin {
  readonly title: string;
  /** 2022年1-10月 */
  readonly periodLabel: string;
  /** Where the figures come from and as of when (the data's own time, never the clock). */
  readonly note: string;
  /** 一、重要指标完成情况: one paragraph of sentences per category. */
  readonly highlights: readonly { readonly category: string; readonly sentences: readonly string[] }[];
  /** 二、各区市完成情况: districts ranked by completion, per indicator with district targets. */
  readonly rankings: readonly RankingTable[];
  readonly rankingNote: string | null;
  /** 三、慢于时序进度和未达到目标: lines for the city and for each district. */
  readonly behindCity: readonly string[];
  readonly behindDistricts: readonly string[];
  readonly noData: readonly string[];
  /** 四、报表报送情况 */
  readonly submissionSummary: string;
  /** City figures summed from fewer districts than the city has, if any. */
  readonly rollupNote: string | null;
  readonly submissions: TextTable;
  /** 五、待核实的预警 (text from returns kept as is; escaping is the renderer's job) */
  readonly warnings: TextTable;
  /** 六、上期通报以来修订的数据 */
  readonly revisions: TextTable;
  /** 附表: every city indicator with a figure or a target. */
  readonly summary: TextTable;
}

const STATE_LABEL: Record<SubmissionState, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  rejected: '被退回（未通过审核）',
  missing: '未报送',
};
const MEASURE_LABEL = { ytd: '累计', month: '当月', level: '期末' } as const;

const isCumulative = (i: ReportIndicator) => i.kind === 'flow' || i.kind === 'net_change';

/** An indicator is a bulletin headline if the city has a figure and it has a target or is not only a ratio component. */
function isHeadline(data: ReportData, i: ReportIndicator, components: Set<string | null>): boolean {
  const observed = data.observations.some(
    (o) => o.indicatorCode === i.code && o.regionCode === data.city.code,
  );
  return observed && (data.targetedIndicatorCodes.includes(i.code) || !components.has(i.code));
}

/** Short status of a figure behind plan, or null when it is not behind. */
function behindPhrase(figure: IndicatorFigure, places: number): string | null {
  const w = figure.windows[0];
  if (!w || figure.value === null) return null;
  const i = figure.indicator;
  if (isCumulative(i)) {
    if (w.met === true || w.aheadPp === null || w.completionPct === null) return null;
    if (scheduleStatus(w.aheadPp, places) !== 'behind') return null;
    return `完成${windowLabel(w, figure.year, true)}的${formatPercent(w.completionPct, places)}，${describeSchedule(w.aheadPp, places)}`;
  }
  if ((i.kind === 'ratio' || i.kind === 'rate') && w.met === false) {
    const bound =
      i.direction === 'at_most' ? `${formatTargetPercent(w.target)}以内` : formatTargetPercent(w.target);
    return `${formatPercent(figure.value, places)}，未达到${bound}的目标`;
  }
  return null;
}

/** Build the bulletin text of `data`. */
export function buildBulletin(data: ReportData, options: { percentPlaces?: PercentPlaces } = {}): Bulletin {
  const places = options.percentPlaces ?? DEFAULT_PERCENT_PLACES;
  const s = places.sentence;
  const t = places.table;
  const period = ytdLabel(data.month);
  const regionName = (code: string | null) =>
    code === null
      ? '—'
      : code === data.city.code
        ? data.city.nameZh
        : (data.districts.find((d) => d.code === code)?.nameZh ?? code);
  const indicatorName = (code: string | null) =>
    code === null ? '—' : (data.indicators.find((i) => i.code === code)?.nameZh ?? code);
  const components = new Set(
    data.indicators.flatMap((i) => (i.kind === 'ratio' ? [i.numeratorCode, i.denominatorCode] : [])),
  );
  const headlines = data.indicators.filter((i) => isHeadline(data, i, components));
  const cityFigures = headlines.map((i) => indicatorFigure(data, i, data.city.code));

  const categories = [...new Set(data.indicators.map((i) => i.category))];
  const highlights = categories
    .map((category) => ({
      category,
      sentences: cityFigures
        .filter((f) => f.indicator.category === category)
        .map((f) => indicatorSentence(f, s)),
    }))
    .filter((h) => h.sentences.length > 0);

  const rankings: RankingTable[] = [];
  for (const i of data.indicators) {
    if (i.kind === 'ratio' || i.kind === 'rate') continue;
    const figures = data.districts
      .map((d) => indicatorFigure(data, i, d.code))
      .filter((f) => f.windows[0]?.completionPct != null);
    if (figures.length === 0) continue;
    const cumulative = isCumulative(i);
    figures.sort(
      (a, b) =>
        b.windows[0]!.completionPct!.comparedTo(a.windows[0]!.completionPct!) ||
        data.districts.findIndex((d) => d.nameZh === a.regionName) -
          data.districts.findIndex((d) => d.nameZh === b.regionName),
    );
    const first = figures[0]!.windows[0]!;
    const label = windowLabel(first, data.year, cumulative);
    const unit = i.displayUnit;
    const city = indicatorFigure(data, i, data.city.code);
    const row = (rank: string, f: IndicatorFigure) => {
      const w = f.windows[0];
      return [
        rank,
        f.regionName,
        f.value === null ? '—' : formatInDisplayUnit(f.value, i.unit, unit, t),
        w ? formatInDisplayUnit(w.target, i.unit, unit, t) : '—',
        w?.completionPct ? formatPercent(w.completionPct, t) : '—',
        w?.aheadPp && cumulative ? formatSignedPp(w.aheadPp, t) : '—',
      ];
    };
    const rows = figures.map((f, n) => row(String(n + 1), f));
    const marked = figures.map((f) => behindPhrase(f, t) !== null);
    // Districts without a figure this month stay visible, unranked.
    for (const d of data.districts) {
      if (figures.some((f) => f.regionName === d.nameZh)) continue;
      rows.push(['', d.nameZh, '—', '—', '—', '—']);
      marked.push(false);
    }
    if (city.value !== null) {
      rows.push(row('', city));
      marked.push(behindPhrase(city, t) !== null);
    }
    rankings.push({
      indicator: i,
      caption: `${i.nameZh}（${cumulative ? `${period}，时序进度${formatPercent(first.schedulePct ?? 0, s)}` : `${data.month}月底`}）`,
      header: [
        '排名',
        '区市',
        `${cumulative ? `${period}累计` : '月末'}（${unit}）`,
        `${label}（${unit}）`,
        '完成进度',
        '较时序进度（个百分点）',
      ],
      rows,
      marked,
    });
  }

  const behindCity = cityFigures.flatMap((f) => {
    const p = behindPhrase(f, s);
    return p ? [`${f.indicator.nameZh}：${p}`] : [];
  });
  const behindDistricts = data.districts.flatMap((d) => {
    const items = headlines.flatMap((i) => {
      const f = indicatorFigure(data, i, d.code);
      const p = behindPhrase(f, s);
      return p ? [`${i.nameZh}（${p}）`] : [];
    });
    return items.length ? [`${d.nameZh}：${items.join('；')}`] : [];
  });
  const noData = data.targetedIndicatorCodes
    .filter(
      (code) => !data.observations.some((o) => o.indicatorCode === code && o.regionCode === data.city.code),
    )
    .map(indicatorName)
    .sort((a, b) => a.localeCompare(b, 'zh'));

  const byState = (state: SubmissionState) =>
    data.submissions.filter((x) => x.state === state).map((x) => regionName(x.regionCode));
  const counts = (state: SubmissionState, label: string) => {
    const names = byState(state);
    return names.length === 0
      ? []
      : [`${label}${names.length}个${state === 'on_time' ? '' : `（${names.join('、')}）`}`];
  };
  const submissionSummary =
    data.submissions.length === 0
      ? '无下辖区市。'
      : `应报${data.submissions.length}个区市，${[
          ...counts('on_time', '按时报送'),
          ...counts('late', '逾期报送'),
          ...counts('rejected', '报表被退回'),
          ...counts('missing', '未报送'),
        ].join('，')}。报送截止日为${data.deadline}。`;

  const partial = headlines.flatMap((i) => {
    const o = data.observations.find((x) => x.indicatorCode === i.code && x.regionCode === data.city.code);
    return o?.origin === 'rolled_up' &&
      o.regionsReported !== null &&
      o.regionsReported < data.districts.length
      ? [`${i.nameZh}（${o.regionsReported}个）`]
      : [];
  });
  const rollupNote = partial.length
    ? `以下全市数据为已报区市合计，未含全部${data.districts.length}个区市：${partial.join('、')}。`
    : null;

  const quantity = (i: ReportIndicator | undefined, v: Decimal) =>
    i ? formatQuantity(v, i.unit, i.displayUnit, t) : v.toString();

  const summaryRows: string[][] = [];
  const summaryMarked: boolean[] = [];
  for (const i of data.indicators) {
    if (!headlines.includes(i)) continue;
    const f = indicatorFigure(data, i, data.city.code);
    const w = f.windows[0];
    summaryRows.push([
      i.category,
      i.nameZh,
      i.displayUnit,
      f.value === null ? '—' : formatInDisplayUnit(f.value, i.unit, i.displayUnit, t),
      w ? formatInDisplayUnit(w.target, i.unit, i.displayUnit, t) : '—',
      w ? `${w.startYear === w.endYear ? w.startYear : `${w.startYear}-${w.endYear}`}` : '—',
      w?.completionPct ? formatPercent(w.completionPct, t) : '—',
      w?.schedulePct ? formatPercent(w.schedulePct, t) : '—',
      w?.aheadPp && isCumulative(i) ? formatSignedPp(w.aheadPp, t) : '—',
      w?.met == null ? '—' : w.met ? '是' : '否',
    ]);
    summaryMarked.push(behindPhrase(f, t) !== null);
  }

  return {
    title: `${data.city.nameZh}人力资源和社会保障重要指标完成情况通报`,
    periodLabel: `${data.year}年${period}`,
    note:
      `数据来源：人社数据仓库（${data.dataAsOf ? `数据截至${data.dataAsOf}入库` : '暂无入库数据'}）。` +
      `完成进度按年度（或规划期）目标计算，时序进度按月份÷12（指标另有季节进度的按其进度）计算；比率类指标按分子、分母合计计算。` +
      `修订数据为上期通报（${data.previousIssue}）以来的变动。`,
    highlights,
    rankings,
    rankingNote: rankings.length === 0 ? '各区市未下达任务分解目标，暂不排名。' : null,
    behindCity,
    behindDistricts,
    noData,
    submissionSummary,
    rollupNote,
    submissions: {
      header: ['区市', '报送情况', '报送时间', '文件'],
      rows: data.submissions.map((x) => [
        regionName(x.regionCode),
        STATE_LABEL[x.state],
        x.receivedAt ?? '—',
        x.sourceFile ?? '—',
      ]),
      marked: data.submissions.map((x) => x.state !== 'on_time'),
    },
    warnings: {
      header: ['区市', '指标', '审核规则', '说明'],
      rows: data.warnings.map((w) => [
        regionName(w.regionCode),
        indicatorName(w.indicatorCode),
        w.rule,
        w.message,
      ]),
      marked: data.warnings.map(() => false),
    },
    revisions: {
      header: ['月份', '区市', '指标', '口径', '原数据', '修订后', '修订时间'],
      rows: data.revisions.map((r) => {
        const i = data.indicators.find((x) => x.code === r.indicatorCode);
        return [
          r.period,
          regionName(r.regionCode),
          indicatorName(r.indicatorCode),
          MEASURE_LABEL[r.measure],
          quantity(i, r.previous),
          quantity(i, r.revised),
          r.revisedAt,
        ];
      }),
      marked: data.revisions.map(() => false),
    },
    summary: {
      header: [
        '类别',
        '指标',
        '单位',
        period,
        '目标',
        '目标期',
        '完成进度',
        '时序进度',
        '较时序进度（个百分点）',
        '是否达标',
      ],
      rows: summaryRows,
      marked: summaryMarked,
    },
  };
}
