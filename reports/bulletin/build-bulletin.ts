/**
 * The monthly bulletin (月度通报, SPEC §9, form of seed 003) from `ReportData`: composes the sections
 * built in this folder (themed items, tables, lists, charts) into the `Bulletin` model. Pure and
 * deterministic; Markdown, HTML, Excel and Word only lay the model out.
 */
import { bulletinCharts } from './bulletin-charts.ts';
import { addMonths, dayLabel, periodLabel, yearToDateLabel, ytdLabel } from '../../core/period.ts';
import { DEFAULT_PERCENT_PLACES, type PercentPlaces } from '../../figures/format-number.ts';
import type { ReportData } from '../report-data.ts';
import { behindLines } from './behind-lines.ts';
import type { Bulletin } from './bulletin.ts';
import { indicatorFigure } from './indicator-figure.ts';
import { keyItems } from './key-items.ts';
import type { PeopleText } from './people-text.ts';
import { rankingTables } from './ranking-tables.ts';
import { revisionTable } from './revision-table.ts';
import { submissionSection } from './submission-section.ts';
import { summaryTable } from './summary-table.ts';
import { textIndicators } from './text-indicators.ts';

/** The config's bulletin settings (config `bulletin`). */
export interface BulletinSettings {
  /** 发文单位, e.g. 青岛市人力资源和社会保障局. */
  readonly issuer: string;
  /** 期号 template: `{year}` and `{month}` are replaced ("{year}年第{month}期"). */
  readonly issueNumber: string;
  /** Day of the month after the report month on which the bulletin is dated. */
  readonly issueDay: number;
  /** 舍位平衡: balance rounded district figures to the rounded city total. */
  readonly balanceRounding: boolean;
}

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  issuer: '青岛市人力资源和社会保障局',
  issueNumber: '{year}年第{month}期',
  issueDay: 10,
  balanceRounding: false,
};

export interface BuildBulletinOptions {
  readonly percentPlaces?: PercentPlaces;
  readonly settings?: BulletinSettings;
  /** The statistician's text for the month, when a file is present. */
  readonly peopleText?: PeopleText | null;
}

/** Build the bulletin of `data`. */
export function buildBulletin(data: ReportData, options: BuildBulletinOptions = {}): Bulletin {
  const places = options.percentPlaces ?? DEFAULT_PERCENT_PLACES;
  const settings = options.settings ?? DEFAULT_BULLETIN_SETTINGS;
  const period = ytdLabel(data.period);
  const indicators = textIndicators(data);
  const figures = indicators.map((i) => indicatorFigure(data, i, data.city.code));
  const rankings = rankingTables(data, places, settings.balanceRounding);
  const behind = behindLines(data, indicators, places.sentence);
  const submission = submissionSection(
    data,
    indicators.map((i) => i.code),
  );
  const noData = data.targetedIndicatorCodes
    .filter((code) => !indicators.some((i) => i.code === code))
    .map((code) => data.indicators.find((i) => i.code === code)?.nameZh ?? code)
    .sort((a, b) => a.localeCompare(b, 'zh'));

  return {
    masthead: {
      title: `${data.city.nameZh}人力资源和社会保障重要指标完成情况通报`,
      issuer: settings.issuer,
      issueNumber: settings.issueNumber
        .replace('{year}', String(data.year))
        .replace('{month}', String(data.month)),
      issueDate: dayLabel(addMonths(data.period, 1), settings.issueDay),
      periodLabel: yearToDateLabel(data.period),
    },
    note:
      `数据来源：人社数据仓库（${data.dataAsOf ? `数据截至${chineseDate(data.dataAsOf)}入库` : '暂无入库数据'}）。` +
      `完成进度按年度（或规划期）目标计算，时序进度按月份÷12（指标另有季节进度的按其进度）计算；比率类指标按分子、分母合计计算。` +
      `修订数据为${chineseDate(data.previousIssue)}（上期报送截止日）以来的变动。`,
    keyItems: keyItems(figures, places.sentence),
    work: options.peopleText?.work ?? null,
    plans: options.peopleText?.plans ?? null,
    charts: bulletinCharts(data, {
      cityIndicatorCodes: indicators
        .filter((i) => i.kind !== 'ratio' && i.kind !== 'rate')
        .map((i) => i.code),
      rankedIndicatorCodes: rankings.map((r) => r.indicator.code),
      places: places.sentence,
    }),
    summary: summaryTable(figures, period, places),
    rankings,
    rankingNote: rankings.length === 0 ? '各区市未下达任务分解目标，暂不排名。' : null,
    behind,
    noData,
    submission,
    revisions: revisionTable(data),
    auditPointer:
      data.findingCount > 0
        ? // The 审核 report is written beside the bulletin (audit-YYYY-MM); cited by its title.
          `本月审核发现问题${data.findingCount}条，详见《${data.city.nameZh}人社统计月报审核情况报告（${periodLabel(data.period)}）》。`
        : null,
  };
}

/** `2022-11-03 22:00` → `2022年11月3日22:00`; `2022-10-05` → `2022年10月5日`, as 公文 write dates. */
function chineseDate(iso: string): string {
  const [, y, m, d, time] = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(iso) ?? [];
  if (!y) return iso;
  return `${y}年${Number(m)}月${Number(d)}日${time ?? ''}`;
}
