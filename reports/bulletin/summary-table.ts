/**
 * 附表 全市重要指标完成情况: every indicator of the text with its figure in the unit the text prints
 * it in (base unit below 1万), its target in the same unit, completion, 时序进度, the printed gap and
 * 是否达标 ("—" until the target is due, SPEC §5). Pure.
 */
import { Decimal } from 'decimal.js';
import { figureStatus, isShortfall } from '../../figures/figure-status.ts';
import { roundHalfUp, type PercentPlaces } from '../../figures/format-number.ts';
import { printedGap } from '../../figures/printed-gap.ts';
import { printedQuantity, type PrintedQuantity } from '../../figures/printed-quantity.ts';
import type { TableCell, TextTable } from './bulletin.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { missPlaces } from './rate-sentence.ts';

const DASH: TableCell = { text: '—' };

/** Excel number format of a printed number with `places` decimals. */
export function numberFormat(places: number): string {
  return places === 0 ? '0' : `0.${'0'.repeat(places)}`;
}

/** A printed quantity as a table cell (number without unit; the unit is in the header or unit column). */
export function quantityCell(q: PrintedQuantity): TableCell {
  const text = q.places ? q.number.toFixed(q.places) : q.number.toString();
  return { text, value: q.number.toNumber(), numFmt: numberFormat(q.places) };
}

/** A percentage (in percent) as a cell with `places` decimals: text "89.14%", value 0.8914. */
export function percentCell(pct: Decimal, places: number): TableCell {
  const shown = new Decimal(roundHalfUp(pct, places));
  return {
    text: `${shown.toFixed(places)}%`,
    value: shown.dividedBy(100).toNumber(),
    numFmt: `${numberFormat(places)}%`,
  };
}

/** A rate in a column headed %: "93.46", value 93.46. */
export function rateCell(pct: Decimal, places: number): TableCell {
  const text = roundHalfUp(pct, places);
  return { text, value: Number(text), numFmt: numberFormat(places) };
}

/** Signed percentage points: "+5.83", "-3.33", "0.00". */
export function ppCell(pp: Decimal, places: number): TableCell {
  const text = pp.gt(0)
    ? `+${pp.toFixed(places)}`
    : pp.isZero()
      ? pp.abs().toFixed(places)
      : pp.toFixed(places);
  const f = numberFormat(places);
  return { text, value: pp.toNumber(), numFmt: `+${f};-${f};${f}` };
}

/** The table of the city's `figures` (`period`: "1-10月"). */
export function summaryTable(
  figures: readonly IndicatorFigure[],
  period: string,
  places: PercentPlaces,
): TextTable {
  const t = places.table;
  const rows: TableCell[][] = [];
  const marked: boolean[] = [];
  for (const f of figures) {
    const i = f.indicator;
    const w = f.windows[0];
    const rate = i.unit === '%';
    const status = figureStatus(i.kind, w, { year: f.year, month: f.month, places: t });
    const value = f.value === null ? null : rate ? null : printedQuantity(f.value, i.unit, i.displayUnit);
    const target = !w
      ? null
      : rate
        ? null
        : printedQuantity(w.target, i.unit, i.displayUnit, f.value ?? w.target);
    const cumulative = i.kind === 'flow' || i.kind === 'net_change';
    rows.push([
      { text: i.category },
      { text: i.nameZh },
      { text: rate ? '%' : ((value ?? target)?.unit ?? i.displayUnit) },
      f.value === null
        ? DASH
        : rate
          ? rateCell(f.value, w ? missPlaces(f.value, w.target, w.met, t) : t)
          : quantityCell(value!),
      !w ? DASH : rate ? rateCell(w.target, t) : quantityCell(target!),
      { text: !w ? '—' : w.startYear === w.endYear ? String(w.startYear) : `${w.startYear}-${w.endYear}` },
      w?.completionPct ? percentCell(w.completionPct, t) : DASH,
      w?.schedulePct && cumulative ? percentCell(w.schedulePct, t) : DASH,
      w?.completionPct && w.schedulePct && cumulative && status !== 'met' && status !== 'missed'
        ? ppCell(printedGap(w.completionPct, w.schedulePct, t), t)
        : DASH,
      { text: status === 'met' ? '是' : status === 'missed' ? '否' : '—' },
    ]);
    marked.push(isShortfall(status));
  }
  return {
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
    rows,
    marked,
    markColumns: [6, 8, 9],
    note: null,
  };
}
