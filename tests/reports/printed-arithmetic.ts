/**
 * A reader's check of a bulletin (issue 13): every "完成…的X%，快于/慢于时序进度Y个百分点" must subtract
 * as printed against the printed schedule, every rate's gap to its target likewise, and a miss must
 * never print as its target. Returns the sentences that do not add up; none is the goal.
 */
import { Decimal } from 'decimal.js';

/** The schedule of month `month` as printed with one decimal (N ÷ 12, half-up). */
const schedule = (month: number) =>
  new Decimal(month * 100).dividedBy(12).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);

/**
 * The schedules a reader can find printed in the bulletin, at a sentence's one decimal: N ÷ 12, and
 * every 时序进度 its tables print (a target due in June, a seasonal profile).
 */
function printedSchedules(markdown: string, month: number): Decimal[] {
  const found = [schedule(month)];
  for (const m of markdown.matchAll(/时序进度(\d+\.\d+)%/g)) found.push(new Decimal(m[1]!));
  for (const line of markdown.split('\n')) {
    const cells = tableCells(line);
    for (let k = 0; k + 2 < cells.length; k++)
      if (
        /^-?[\d.]+%$/.test(cells[k]!) &&
        /^[\d.]+%$/.test(cells[k + 1]!) &&
        /^[+-]?[\d.]+$/.test(cells[k + 2]!)
      )
        found.push(new Decimal(cells[k + 1]!.slice(0, -1)));
  }
  return found.map((d) => d.toDecimalPlaces(1, Decimal.ROUND_HALF_UP));
}

/** A Markdown table row's cells, trimmed, without the outer pipes. */
function tableCells(line: string): string[] {
  if (!line.startsWith('|')) return [];
  return line
    .replace(/^\|\s*|\s*\|$/g, '')
    .split(' | ')
    .map((c) => c.trim());
}

/** Clauses of `markdown` (a bulletin of month `month`) that do not add up as printed. */
export function unbalancedClauses(markdown: string, month: number): string[] {
  const bad: string[] = [];
  const schedules = printedSchedules(markdown, month);
  for (const m of markdown.matchAll(
    /完成(?:年计划|省下达任务)的(-?[\d.]+)%，(快于时序进度([\d.]+)个百分点|慢于时序进度([\d.]+)个百分点|与时序进度持平)/g,
  )) {
    // The gap must be the printed completion minus a schedule the bulletin prints.
    const done = new Decimal(m[1]!);
    const gap = m[3] ? new Decimal(m[3]) : m[4] ? new Decimal(m[4]).negated() : new Decimal(0);
    if (!schedules.some((s) => done.minus(s).eq(gap))) bad.push(m[0]);
  }
  for (const m of markdown.matchAll(
    /为([\d.]+)%，(低于|高于)([\d.]+)%的(?:控制)?目标(?:([\d.]+)个百分点)?/g,
  )) {
    const [value, target] = [new Decimal(m[1]!), new Decimal(m[3]!)];
    const gap = m[2] === '低于' ? target.minus(value) : value.minus(target);
    if (value.eq(target) || !m[4] || !gap.eq(m[4])) bad.push(m[0]);
  }
  for (const m of markdown.matchAll(/为([\d.]+)%，达到([\d.]+)%的目标/g))
    if (new Decimal(m[1]!).lt(m[2]!)) bad.push(m[0]);
  for (const m of markdown.matchAll(/为([\d.]+)%，控制在([\d.]+)%以内/g))
    if (new Decimal(m[1]!).gt(m[2]!)) bad.push(m[0]);
  // Tables: 完成进度 − 时序进度 = 较时序进度 in every row that shows all three.
  for (const line of markdown.split('\n')) {
    const cells = tableCells(line);
    const pct = cells.map((c) => /^(-?[\d.]+)%$/.exec(c)?.[1]);
    for (let k = 0; k + 2 < cells.length; k++) {
      const pp = /^([+-]?[\d.]+)$/.exec(cells[k + 2]!)?.[1];
      if (pct[k] && pct[k + 1] && pp && !new Decimal(pct[k]!).minus(pct[k + 1]!).eq(pp)) bad.push(line);
    }
  }
  return bad;
}
