/**
 * The district rankings (各区市完成情况): per cumulative or level indicator with district targets,
 * districts ranked by completion, the city last. One unit per table: 万 only when every figure is at
 * least 1万 (else the base unit, never 0.07万人). Districts whose completion prints the same share a
 * rank. Where the printed districts do not add to the printed city total the table carries the 尾差
 * note — or, with 舍位平衡 on, the parts are balanced; the note also stands where the district
 * targets add up to the city's but their printed figures do not. Pure.
 */
import { Decimal } from 'decimal.js';
import { balanceRounding } from '../balance-rounding.ts';
import { figureStatus, isShortfall } from '../../figures/figure-status.ts';
import { monthLabel, ytdLabel } from '../../core/period.ts';
import { formatPercent, type PercentPlaces } from '../../figures/format-number.ts';
import { printedGap } from '../../figures/printed-gap.ts';
import { printedQuantity } from '../../figures/printed-quantity.ts';
import { sharedRanks } from '../../figures/shared-ranks.ts';
import type { ReportData } from '../report-data.ts';
import type { RankingTable, TableCell } from './bulletin.ts';
import { indicatorFigure, type IndicatorFigure } from './indicator-figure.ts';
import { percentCell, ppCell, quantityCell } from './summary-table.ts';
import { windowLabel } from './window-label.ts';

/** 尾差 note (SPEC §4). */
export const ROUNDING_NOTE = '因四舍五入，分项之和与合计可能存在尾差。';

const DASH: TableCell = { text: '—' };

/** Rankings of `data`; `balance` turns on 舍位平衡 for the district figures. */
export function rankingTables(data: ReportData, places: PercentPlaces, balance: boolean): RankingTable[] {
  const t = places.table;
  const period = ytdLabel(data.period);
  const tables: RankingTable[] = [];
  for (const i of data.indicators) {
    if (i.kind === 'ratio' || i.kind === 'rate') continue;
    const figures = data.districts
      .map((d) => indicatorFigure(data, i, d.code))
      .filter((f) => f.windows[0]?.completionPct != null);
    if (figures.length === 0) continue;
    const cumulative = i.kind === 'flow' || i.kind === 'net_change';
    const order = (f: IndicatorFigure) => data.districts.findIndex((d) => d.nameZh === f.regionName);
    figures.sort(
      (a, b) => b.windows[0]!.completionPct!.comparedTo(a.windows[0]!.completionPct!) || order(a) - order(b),
    );
    const city = indicatorFigure(data, i, data.city.code);
    const shown = [...figures, ...(city.value === null ? [] : [city])];
    // One scale for the table: the smallest magnitude decides (below 1万 → base unit).
    const smallest = shown
      .flatMap((f) => [f.value, f.windows[0]?.target ?? null])
      .filter((v): v is Decimal => v !== null)
      .reduce((a, b) => (b.abs().lt(a.abs()) ? b : a));
    const q = (v: Decimal) => printedQuantity(v, i.unit, i.displayUnit, smallest);
    const unit = q(smallest).unit;
    const values = new Map(shown.map((f) => [f, f.value === null ? null : q(f.value)]));

    // Balance or note only when every district reported and the city figure is their sum.
    const complete = figures.length === data.districts.length && city.value !== null;
    let note: string | null = null;
    // District targets are the city's split (任务分解): their printed sum may miss the printed city target.
    const cityTarget = city.windows[0]?.target;
    if (
      complete &&
      cityTarget !== undefined &&
      figures.every((f) => f.windows[0]?.target !== undefined) &&
      figures
        .map((f) => f.windows[0]!.target)
        .reduce((a, b) => a.plus(b), new Decimal(0))
        .eq(cityTarget) &&
      !figures
        .map((f) => q(f.windows[0]!.target).number)
        .reduce((a, b) => a.plus(b), new Decimal(0))
        .eq(q(cityTarget).number)
    )
      note = ROUNDING_NOTE;
    if (complete && cumulative) {
      const parts = figures.map((f) => values.get(f)!.number);
      const total = values.get(city)!.number;
      if (!parts.reduce((a, b) => a.plus(b), new Decimal(0)).eq(total)) {
        const balanced = balance
          ? balanceRounding(
              figures.map((f) => f.value!.dividedBy(values.get(f)!.factor)),
              city.value.dividedBy(values.get(city)!.factor),
              values.get(city)!.places,
            )
          : null;
        if (balanced) figures.forEach((f, k) => values.set(f, { ...values.get(f)!, number: balanced[k]! }));
        else note = ROUNDING_NOTE;
      }
    }

    const row = (rank: string, f: IndicatorFigure): TableCell[] => {
      const w = f.windows[0];
      const v = values.get(f);
      const status = figureStatus(i.kind, w, { year: data.year, month: data.month, places: t });
      return [
        { text: rank },
        { text: f.regionName },
        v ? quantityCell(v) : DASH,
        w ? quantityCell(q(w.target)) : DASH,
        w?.completionPct ? percentCell(w.completionPct, t) : DASH,
        w?.completionPct && w.schedulePct && cumulative && status !== 'met' && status !== 'missed'
          ? ppCell(printedGap(w.completionPct, w.schedulePct, t), t)
          : DASH,
      ];
    };
    const status = (f: IndicatorFigure) =>
      figureStatus(i.kind, f.windows[0], { year: data.year, month: data.month, places: t });
    // Districts whose completion prints the same share a rank (1, 2, 2, 4).
    const ranks = sharedRanks(figures.map((f) => formatPercent(f.windows[0]!.completionPct!, t)));
    const rows = figures.map((f, n) => row(String(ranks[n]), f));
    const marked = figures.map((f) => isShortfall(status(f)));
    // Districts without a figure this month stay visible, unranked.
    for (const d of data.districts) {
      if (figures.some((f) => f.regionName === d.nameZh)) continue;
      rows.push([{ text: '' }, { text: d.nameZh }, DASH, DASH, DASH, DASH]);
      marked.push(false);
    }
    if (city.value !== null) {
      rows.push(row('', city));
      marked.push(isShortfall(status(city)));
    }
    const first = figures[0]!.windows[0]!;
    const label = windowLabel(first, data.year, cumulative);
    tables.push({
      indicator: i,
      caption: `${i.nameZh}（${cumulative ? `${period}，时序进度${formatPercent(first.schedulePct ?? 0, t)}` : `${monthLabel(data.period)}底`}）`,
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
      markColumns: [4, 5],
      note,
    });
  }
  return tables;
}
