/**
 * A reader's check of a bulletin (issue 13): every "完成…的X%，快于/慢于时序进度Y个百分点" must subtract
 * as printed against the printed schedule, every rate's gap to its target likewise, and a miss must
 * never print as its target. Returns the sentences that do not add up; none is the goal.
 */
import { Decimal } from 'decimal.js';

/** The schedule of month `month` as printed with one decimal (N ÷ 12, half-up). */
const schedule = (month: number) =>
  new Decimal(month * 100).dividedBy(12).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);

/** Clauses of `markdown` (a bulletin of month `month`) that do not add up as printed. */
export function unbalancedClauses(markdown: string, month: number): string[] {
  const bad: string[] = [];
  const s = schedule(month);
  for (const m of markdown.matchAll(
    /完成年计划的(-?[\d.]+)%，(快于时序进度([\d.]+)个百分点|慢于时序进度([\d.]+)个百分点|与时序进度持平)/g,
  )) {
    const done = new Decimal(m[1]!);
    const gap = done.minus(s);
    const ok = m[3] ? gap.eq(m[3]) : m[4] ? gap.eq(new Decimal(m[4]).negated()) : gap.isZero();
    if (!ok) bad.push(m[0]);
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
    const cells = line.split(' | ');
    const pct = cells.map((c) => /^(-?[\d.]+)%$/.exec(c.trim())?.[1]);
    for (let k = 0; k + 2 < cells.length; k++) {
      const pp = /^([+-]?[\d.]+)$/.exec(cells[k + 2]!.trim().replace(/ \|$/, ''))?.[1];
      if (pct[k] && pct[k + 1] && pp && !new Decimal(pct[k]!).minus(pct[k + 1]!).eq(pp)) bad.push(line);
    }
  }
  return bad;
}
