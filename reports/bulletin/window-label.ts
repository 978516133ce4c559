/**
 * How a bulletin names a target window: 年计划 for the report year's own target, 2021-2023年目标 for
 * a cumulative multi-year window, 2023年目标 for a level to reach by a later year.
 */
import { dueMonth } from '../../figures/figure-status.ts';
import type { CompletionFigure } from '../../figures/completion-figure.ts';

/** Whether a target was set by the province (省下达任务, seed 003) rather than the city. */
export function isProvincial(window: Pick<CompletionFigure, 'issuer'>): boolean {
  return window.issuer === 'province' || window.issuer === '省下达';
}

/** `cumulative`: flows and net changes add up over the window; levels are reached by its end. */
export function windowLabel(window: CompletionFigure, year: number, cumulative: boolean): string {
  if (isProvincial(window)) return '省下达任务';
  if (window.startYear === year && window.endYear === year) return cumulative ? '年计划' : '年度目标';
  if (cumulative) return `${window.startYear}-${window.endYear}年目标`;
  return `${window.endYear}年目标`;
}

/** Months from `firstMetMonth` of `year` to the window's due month (December of its last year by default). */
export function monthsAhead(window: CompletionFigure, year: number, firstMetMonth: number): number {
  const due = dueMonth(window);
  return (due.year - year) * 12 + (due.month - firstMetMonth);
}
