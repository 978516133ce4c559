/**
 * How a bulletin names a target window: 年计划 for the report year's own target, 2021-2023年目标 for
 * a cumulative multi-year window, 2023年目标 for a level to reach by a later year.
 */
import type { CompletionFigure } from '../report-data.ts';

/** `cumulative`: flows and net changes add up over the window; levels are reached by its end. */
export function windowLabel(window: CompletionFigure, year: number, cumulative: boolean): string {
  if (window.startYear === year && window.endYear === year) return cumulative ? '年计划' : '年度目标';
  if (cumulative) return `${window.startYear}-${window.endYear}年目标`;
  return `${window.endYear}年目标`;
}

/** Months from `firstMetMonth` of `year` to the window's deadline (December of its last year). */
export function monthsAhead(window: CompletionFigure, year: number, firstMetMonth: number): number {
  return (window.endYear - year) * 12 + (12 - firstMetMonth);
}
