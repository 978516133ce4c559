/**
 * Sentences for flows and net changes (seed 003): "1-10月，全市实现城镇新增就业31.20万人，完成年计划的
 * 89.1%，快于时序进度5.8个百分点"; "提前N个月超额完成全年任务" once met; after the due month the result
 * (SPEC §5): "全年，全市实现…，超额完成全年任务" or "…，未完成全年任务，差0.14万人". A province-assigned
 * target beside the city's own follows its window's clause: "…，完成省下达任务的94.7%", "…，提前6个月
 * 超额完成省下达任务". Every gap is computed from the printed figures (SPEC §4). Pure.
 */
import type { Decimal } from 'decimal.js';
import { periodOf, ytdLabel } from '../../core/period.ts';
import { dueMonth, isDue } from '../../figures/figure-status.ts';
import {
  DEFAULT_PERCENT_PLACES,
  describeSchedule,
  formatPercent,
  formatQuantity,
} from '../../figures/format-number.ts';
import { printedGap } from '../../figures/printed-gap.ts';
import { printedQuantity, printedText } from '../../figures/printed-quantity.ts';
import type { IndicatorFigure, WindowFigure } from './indicator-figure.ts';
import { monthsAhead, windowLabel } from './window-label.ts';

/**
 * The subject and verb of a flow: a name without a counting suffix takes 实现 (实现城镇新增就业);
 * 人数/人次/数/量 are dropped because the unit says it (见习实习人数 → 见习实习1.52万人).
 */
export function flowSubject(nameZh: string): string {
  const stripped = nameZh.replace(/(人数|人次|数|量)$/, '');
  return stripped === nameZh ? `实现${nameZh}` : stripped;
}

/** Whether the report month is the annual window's due month or later: the sentence gives the year's result. */
export function isYearEnd(figure: IndicatorFigure): boolean {
  const w = figure.windows[0];
  return w !== undefined && w.startYear === w.endYear && isDue(dueMonth(w), figure.year, figure.month);
}

/** "1-10月，全市" before the due month; "全年，全市" once the annual target is due. */
export function flowLead(figure: IndicatorFigure): string {
  return `${isYearEnd(figure) ? '全年' : ytdLabel(periodOf(figure.year, figure.month))}，${figure.regionName}`;
}

function progressClause(figure: IndicatorFigure, w: WindowFigure, places: number): string {
  if (w.completionPct === null) return '';
  const { indicator } = figure;
  const label = windowLabel(w, figure.year, true);
  const done = `完成${label}的${formatPercent(w.completionPct, places)}`;
  const what = w.startYear === w.endYear ? '全年任务' : `${label}`;
  if (w.met === true && w.firstMetMonth !== null) {
    return `，${done}，${metWords(figure, w, w.completionPct, w.firstMetMonth)}${what}`;
  }
  if (w.actual !== null && isDue(dueMonth(w), figure.year, figure.month)) {
    // 差 is the printed target minus the printed result, in the sentence's unit.
    const actual = printedQuantity(w.actual, indicator.unit, indicator.displayUnit);
    const target = printedQuantity(w.target, indicator.unit, indicator.displayUnit, w.actual);
    const short = { ...actual, number: target.number.minus(actual.number) };
    return `，${done}，未完成${what}${short.number.gt(0) ? `，差${printedText(short)}` : ''}`;
  }
  if (w.schedulePct === null) return `，${done}`;
  const gap = printedGap(w.completionPct, w.schedulePct, places);
  return `，${done}，${describeSchedule(gap, places)}`;
}

/** "提前3个月超额完成" (before the task's name): months from the first month met to the window's due month. */
function metWords(
  figure: IndicatorFigure,
  w: WindowFigure,
  completionPct: Decimal,
  firstMetMonth: number,
): string {
  const n = monthsAhead(w, figure.year, firstMetMonth);
  return `${n > 0 ? `提前${n}个月` : ''}${completionPct.gt(100) ? '超额完成' : '完成'}`;
}

/**
 * The province's target of the window, after the city's own (SPEC §3): its completion, and once met
 * or due, whether it was met. No schedule clause: the city's clause before it gives the schedule.
 */
function provincialClause(figure: IndicatorFigure, p: WindowFigure, places: number): string {
  if (p.completionPct === null) return '';
  const done = `，完成省下达任务的${formatPercent(p.completionPct, places)}`;
  if (p.met === true && p.firstMetMonth !== null) {
    return `${done}，${metWords(figure, p, p.completionPct, p.firstMetMonth)}省下达任务`;
  }
  if (p.actual !== null && isDue(dueMonth(p), figure.year, figure.month)) return `${done}，未完成省下达任务`;
  return done;
}

/** A window's clause, then the province's target of the same window where the city also set its own. */
function windowClause(figure: IndicatorFigure, w: WindowFigure, places: number): string {
  return `${progressClause(figure, w, places)}${w.provincial ? provincialClause(figure, w.provincial, places) : ''}`;
}

/** A flow or net change clause without its lead: "实现城镇新增就业31.20万人，完成年计划的89.1%，…". */
export function flowClause(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  const { indicator, value } = figure;
  if (value === null) return `${indicator.nameZh}暂无数据`;
  let text: string;
  if (indicator.kind === 'net_change') {
    const base = indicator.nameZh.replace(/净增$/, '');
    const word = value.isNegative() ? '净减少' : '净增';
    text = `${base}${word}${formatQuantity(value.abs(), indicator.unit, indicator.displayUnit)}`;
  } else {
    text = `${flowSubject(indicator.nameZh)}${formatQuantity(value, indicator.unit, indicator.displayUnit)}`;
  }
  figure.windows.forEach((w, k) => {
    if (w.startYear === w.endYear) {
      if (k === 0) text += windowClause(figure, w, places);
      return;
    }
    // A multi-year window counts from its first year; unknown when an earlier December is missing.
    if (w.actual === null) return;
    const total = formatQuantity(w.actual, indicator.unit, indicator.displayUnit);
    text += `${k === 0 ? '，' : '；'}${w.startYear}年以来累计${total}${windowClause(figure, w, places)}`;
  });
  return text;
}

/** A flow or net change sentence, without the closing punctuation. */
export function flowSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  return `${flowLead(figure)}${flowClause(figure, places)}`;
}
