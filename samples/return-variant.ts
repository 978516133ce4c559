/**
 * What every district template variant receives and returns: one district's month of truth in,
 * an exceljs workbook out. Shared helpers write figures the way statisticians type them.
 */
import { Decimal } from 'decimal.js';
import type ExcelJS from 'exceljs';
import { Workbook } from '../core/exceljs.ts';
import type { Catalogue, Indicator, Region } from '../catalogue/catalogue.ts';
import { parseUnit } from '../core/units.ts';
import type { SampleTruth, TruthValue } from './sample-truth.ts';

export interface ReturnInput {
  readonly catalogue: Catalogue;
  readonly truth: SampleTruth;
  readonly region: Region;
  /** How this district writes its own name (an alias or the canonical name). */
  readonly regionName: string;
  readonly year: number;
  /** Report month 1..12. */
  readonly month: number;
  /** The district's annual target per indicator code, in base units. */
  readonly targets: ReadonlyMap<string, Decimal>;
}

/** A district's way of filling the template. */
export interface ReturnVariant {
  readonly name: string;
  /** The subject part of the file name (`2022年10月_市南区_<subject>.xlsx`). */
  readonly subject: string;
  build(input: ReturnInput): ExcelJS.Workbook;
}

/** A workbook with fixed metadata, so the same input always gives the same bytes. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new Workbook();
  const fixed = new Date('2022-11-01T00:00:00Z');
  workbook.creator = '区人社局';
  workbook.created = fixed;
  workbook.modified = fixed;
  return workbook;
}

/** A new sheet of `workbook` with its columns `widths` wide (in characters), as a template lays it out. */
export function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  widths: readonly number[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));
  return sheet;
}

/** Writes the row of one indicator, `number` being its place in the table (from 1). */
export type RowWriter = (row: ExcelJS.Row, input: ReturnInput, indicator: Indicator, number: number) => void;

/** What a row of `indicator` shows: its truth in the input's month, its display unit's multiplier, its target. */
export function rowFigures(
  input: ReturnInput,
  indicator: Indicator,
): { readonly value: TruthValue; readonly multiplier: Decimal; readonly target: Decimal | undefined } {
  return {
    value: truthOf(input, indicator),
    multiplier: displayMultiplier(indicator),
    target: input.targets.get(indicator.code),
  };
}

/** The truth for one indicator of the input's district and month. */
export function truthOf(input: ReturnInput, indicator: Indicator, month = input.month): TruthValue {
  return input.truth.get(indicator.code, input.region.code, month);
}

/** The multiplier of an indicator's display unit (万人 → 10000, 人 → 1, % → 1). */
export function displayMultiplier(indicator: Indicator): Decimal {
  return parseUnit(indicator.displayUnit)?.multiplier ?? new Decimal(1);
}

/** A base-unit value written in a unit with `multiplier`, as exact decimal text (35213 in 万 → "3.5213"). */
export function inUnit(value: Decimal, multiplier: Decimal): string {
  return value.div(multiplier).toFixed();
}

/** The figure a return shows in its cumulative column: YTD for flows, the level for stocks and ratios. */
export function cumulativeFigure(indicator: Indicator, value: TruthValue): Decimal | null {
  return indicator.kind === 'flow' ? value.ytd : value.level;
}

/** `1-10月` (or `1月` in January). */
export function monthsLabel(month: number): string {
  return month === 1 ? '1月' : `1-${month}月`;
}

/** Thin border on every cell of a rectangle, as a template would have. */
export function box(
  sheet: ExcelJS.Worksheet,
  top: number,
  left: number,
  bottom: number,
  right: number,
): void {
  const thin = { style: 'thin' as const };
  for (let r = top; r <= bottom; r++)
    for (let c = left; c <= right; c++)
      sheet.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
}
