/**
 * A district return (an exceljs workbook) in, parsed values and findings out. Pure: no IO. Every
 * problem becomes a finding with sheet, cell, label and value; unreadable figures are never 0.
 */
import path from 'node:path';
import type { Decimal } from 'decimal.js';
import type ExcelJS from 'exceljs';
import type { Catalogue, Indicator } from '../../catalogue/catalogue.ts';
import { parseQuantity } from '../../transforms/parse-quantity.ts';
import { extractUnit, parseUnit, type ParsedUnit } from '../../transforms/units.ts';
import type { Measure } from '../../warehouse/insert-facts.ts';
import type { Finding } from '../finding.ts';
import { findDistrict, findPeriod, findUpperRegion } from './find-region-and-period.ts';
import { locateReturnTable, type ReturnTable } from './locate-return-table.ts';
import { readSheetGrid, type GridCell, type SheetGrid } from './read-sheet-grid.ts';

/** One figure read from a return, in the indicator's base unit. */
export interface ParsedValue {
  readonly indicatorCode: string;
  /** `YYYY-MM` */
  readonly period: string;
  readonly measure: Measure;
  readonly value: Decimal;
  readonly sheet: string;
  readonly cell: string;
  /** The label as written. */
  readonly label: string;
}

export interface ParsedReturn {
  readonly file: string;
  /** District code, null when it could not be determined. */
  readonly region: string | null;
  /** `YYYY-MM` report month, null when it could not be determined. */
  readonly period: string | null;
  readonly values: readonly ParsedValue[];
  readonly findings: readonly Finding[];
}

// "1-10月累计": the month a cumulative column runs through.
const YTD_THROUGH = /1\s*[-－—–~～至到]\s*(\d{1,2})\s*月/;

interface RawValue {
  readonly indicator: Indicator;
  readonly label: string;
  readonly sheet: string;
  readonly cell: GridCell;
  readonly role: 'month' | 'ytd' | { readonly calendarMonth: number };
  readonly unit: ParsedUnit | null;
}

/**
 * Parse a workbook. `file` is the path as given (its base name is read for region and period);
 * `now` bounds the report month (a month in the future is not a valid period).
 */
export function parseDistrictReturn(
  workbook: ExcelJS.Workbook,
  file: string,
  catalogue: Catalogue,
  now: Date,
): ParsedReturn {
  const findings: Finding[] = [];
  const error = (code: string, message: string, extra: Partial<Finding> = {}) =>
    findings.push({ code, severity: 'error', location: { file }, message, ...extra });

  const raws: RawValue[] = [];
  const metaTexts: string[] = [];
  const ytdHeaders: { sheet: string; header: string; month: number }[] = [];
  let tables = 0;
  for (const sheet of workbook.worksheets) {
    const grid = readSheetGrid(sheet);
    const table = locateReturnTable(grid, catalogue);
    if (!table) continue;
    tables++;
    metaTexts.push(...table.metaTexts);
    for (const column of table.columns) {
      const through = column.role.kind === 'ytd' ? YTD_THROUGH.exec(column.header.normalize('NFKC')) : null;
      if (through) ytdHeaders.push({ sheet: grid.name, header: column.header, month: Number(through[1]) });
    }
    readTable(grid, table, catalogue, file, raws, findings);
  }
  if (tables === 0) error('no_indicator_table', 'no sheet of the workbook lists any catalogue indicator');

  const region = resolveRegion(file, metaTexts, catalogue, error);
  const period = resolvePeriod(file, metaTexts, now, error);

  // A 累计 column headed for another month: last month's template sent again.
  for (const h of ytdHeaders)
    if (period && h.month !== Number(period.slice(5)))
      findings.push({
        code: 'period_mismatch',
        severity: 'error',
        location: { file, sheet: h.sheet },
        input: h.header,
        message: `the 累计 column is headed "${h.header}" but the report month is ${period}`,
      });

  const values: ParsedValue[] = [];
  const seen = new Map<string, ParsedValue>();
  if (period) {
    const year = period.slice(0, 4);
    for (const raw of raws) {
      const parsed = toValue(raw, period, year, file, findings);
      if (!parsed) continue;
      const key = `${parsed.indicatorCode}|${parsed.period}|${parsed.measure}`;
      const earlier = seen.get(key);
      if (earlier) {
        if (!earlier.value.eq(parsed.value))
          findings.push({
            code: 'duplicate_indicator',
            severity: 'error',
            location: { file, sheet: parsed.sheet, cell: parsed.cell },
            input: parsed.label,
            indicatorCode: parsed.indicatorCode,
            message: `${parsed.label} is given twice with different values: ${earlier.value} (${earlier.sheet}!${earlier.cell}) and ${parsed.value}`,
          });
        continue;
      }
      seen.set(key, parsed);
      values.push(parsed);
    }
  }
  const tagged = findings.map((f) => ({
    ...f,
    regionCode: f.regionCode ?? region ?? undefined,
    period: f.period ?? period ?? undefined,
  }));
  return { file, region, period, values, findings: tagged };
}

function readTable(
  grid: SheetGrid,
  table: ReturnTable,
  catalogue: Catalogue,
  file: string,
  raws: RawValue[],
  findings: Finding[],
): void {
  const valueColumns = table.columns.filter(
    (c) => c.role.kind === 'month' || c.role.kind === 'ytd' || c.role.kind === 'calendar_month',
  );
  if (valueColumns.length === 0) {
    findings.push({
      code: 'no_value_columns',
      severity: 'error',
      location: { file, sheet: grid.name },
      message: `no column headed 本月, 累计 or a month was found above the indicator rows of sheet ${grid.name}`,
    });
    return;
  }
  const unitColumn = table.columns.find((c) => c.role.kind === 'unit')?.column;
  for (let r = table.firstDataRow; r < table.endRow; r++) {
    const labelCell = grid.cell(r, table.labelColumn);
    if (labelCell.mergedSlave || labelCell.text === '') continue;
    const label = labelCell.text;
    const cells = valueColumns.map((c) => ({ column: c, cell: grid.cell(r, c.column) }));
    const hasContent = cells.some(
      ({ cell }) =>
        !cell.mergedSlave &&
        (cell.formulaWithoutResult || (cell.value !== null && String(cell.value).trim() !== '')),
    );
    const indicator = catalogue.findIndicator(label);
    if (!indicator) {
      if (hasContent)
        findings.push({
          code: 'unknown_label',
          severity: 'error',
          location: { file, sheet: grid.name, cell: labelCell.address },
          input: label,
          message: `unknown indicator label "${label}"; nearest catalogue names: ${catalogue.nearestIndicatorNames(label).join('、')}`,
        });
      continue;
    }
    const unitCell = unitColumn ? grid.cell(r, unitColumn) : null;
    const columnUnit = unitCell && unitCell.text !== '' ? parseUnit(unitCell.text) : null;
    // A unit that is written but not understood is an error: guessing 人 for 万人 stores 1/10,000 of the figure.
    if (unitCell && unitCell.text !== '' && !columnUnit)
      findings.push({
        code: 'unknown_unit',
        severity: 'error',
        location: { file, sheet: grid.name, cell: unitCell.address },
        input: unitCell.text,
        message: `单位"${unitCell.text}"无法识别（${indicator.nameZh}）：请写万人、人、个、%等`,
      });
    const rowUnit = extractUnit(label).unit ?? columnUnit;
    for (const { column, cell } of cells) {
      if (cell.mergedSlave) continue;
      const role =
        column.role.kind === 'calendar_month'
          ? { calendarMonth: column.role.month }
          : (column.role.kind as 'month' | 'ytd');
      raws.push({
        indicator,
        label,
        sheet: grid.name,
        cell,
        role,
        unit: rowUnit ?? column.unit ?? table.sheetUnit,
      });
    }
  }
}

function toValue(
  raw: RawValue,
  period: string,
  year: string,
  file: string,
  findings: Finding[],
): ParsedValue | null {
  const { indicator, cell } = raw;
  const location = { file, sheet: raw.sheet, cell: cell.address };
  if (cell.formulaWithoutResult) {
    findings.push({
      code: 'non_numeric_value',
      severity: 'error',
      location,
      input: raw.label,
      indicatorCode: indicator.code,
      message: `${raw.label}: the formula in ${cell.address} has no saved result (open and save the file in Excel)`,
    });
    return null;
  }
  const quantity = parseQuantity(cell.value, {
    baseUnit: indicator.unit,
    contextUnit: raw.unit,
    percentFormatted: cell.percent,
  });
  if (quantity.kind === 'not_reported') return null;
  if (quantity.kind === 'invalid') {
    findings.push({
      code: 'non_numeric_value',
      severity: 'error',
      location,
      input: String(cell.value),
      indicatorCode: indicator.code,
      message: `${raw.label}: ${quantity.reason}`,
    });
    return null;
  }
  const monthOf =
    typeof raw.role === 'object' ? `${year}-${String(raw.role.calendarMonth).padStart(2, '0')}` : period;
  if (monthOf > period) return null; // a month column after the report month: not yet reported
  const measure = measureOf(indicator, raw.role);
  if (!measure) return null;
  return {
    indicatorCode: indicator.code,
    period: monthOf,
    measure,
    value: quantity.value,
    sheet: raw.sheet,
    cell: cell.address,
    label: raw.label,
  };
}

/** Which figure a column gives for an indicator of this kind (null: the column does not apply). */
function measureOf(indicator: Indicator, role: RawValue['role']): Measure | null {
  const additive = indicator.kind === 'flow' || indicator.kind === 'net_change';
  if (typeof role === 'object') return additive ? 'month' : 'level';
  if (additive) return role;
  // Stocks, ratios and rates: the level at month end is written in the cumulative column.
  return role === 'ytd' ? 'level' : null;
}

function resolveRegion(
  file: string,
  metaTexts: readonly string[],
  catalogue: Catalogue,
  error: (code: string, message: string, extra?: Partial<Finding>) => void,
): string | null {
  const fromContent = new Map<string, string>();
  for (const text of metaTexts) {
    const region = findDistrict(text, catalogue);
    if (region) fromContent.set(region.code, text);
  }
  const fromName = findDistrict(path.basename(file), catalogue);
  if (fromContent.size > 1) {
    error(
      'region_mismatch',
      `the sheets name more than one district: ${[...fromContent.values()].join(' / ')}`,
    );
    return null;
  }
  const content = [...fromContent.keys()][0];
  if (content && fromName && content !== fromName.code) {
    error(
      'region_mismatch',
      `the file name names ${fromName.nameZh} but the sheet names ${catalogue.findRegion(content)?.nameZh} ("${fromContent.get(content)}")`,
    );
    return null;
  }
  const district = content ?? fromName?.code ?? null;
  if (district) return district;
  // No district anywhere: the city's or the province's own return, named by its 填报单位 row or file name.
  const upper =
    metaTexts
      .filter((t) => /填报单位/.test(t))
      .map((t) => findUpperRegion(t.slice(t.indexOf('填报单位')), catalogue))
      .find((r) => r !== null) ?? findUpperRegion(path.basename(file), catalogue);
  if (!upper)
    error(
      'unknown_region',
      `no region of the catalogue is named in the file name or the 填报单位 row (${metaTexts.filter((t) => /单位|区|市/.test(t)).join(' / ') || 'no title or 填报单位 row'})`,
    );
  return upper?.code ?? null;
}

function resolvePeriod(
  file: string,
  metaTexts: readonly string[],
  now: Date,
  error: (code: string, message: string, extra?: Partial<Finding>) => void,
): string | null {
  const fromContent = new Map<string, string>();
  const invalid: string[] = [];
  for (const text of metaTexts) {
    const match = findPeriod(text);
    if (match?.kind === 'period') fromContent.set(match.period, text);
    else if (match) invalid.push(match.text);
  }
  const nameMatch = findPeriod(path.basename(file));
  if (nameMatch?.kind === 'invalid') invalid.push(nameMatch.text);
  const fromName = nameMatch?.kind === 'period' ? nameMatch.period : null;
  if (fromContent.size > 1) {
    error(
      'period_mismatch',
      `the sheets give more than one report month: ${[...fromContent.values()].join(' / ')}`,
    );
    return null;
  }
  const content = [...fromContent.keys()][0];
  if (content && fromName && content !== fromName) {
    error(
      'period_mismatch',
      `the file name says ${fromName} but the sheet says ${content} ("${fromContent.get(content)}")`,
    );
    return null;
  }
  const period = content ?? fromName ?? null;
  if (!period) {
    error(
      'unknown_period',
      invalid.length > 0
        ? `not a valid report month: ${invalid.join(', ')}`
        : 'no report month (报告期, e.g. 2022年10月 or 2022年1-10月) in the file name or the sheet',
    );
    return null;
  }
  const current = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  if (period > current) {
    error('unknown_period', `report month ${period} is in the future`);
    return null;
  }
  return period;
}
