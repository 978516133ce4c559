/**
 * A district return (an exceljs workbook) in, parsed values and findings out. Pure: no IO. Every
 * problem becomes a finding with sheet, cell, label and value; unreadable figures are never 0.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Catalogue, Indicator } from '../../catalogue/catalogue.ts';
import { parseQuantity } from '../../core/parse-quantity.ts';
import { extractUnit, parseUnit, type ParsedUnit } from '../../core/units.ts';
import { finding, type Finding, type FindingParams } from '../../core/finding.ts';
import type { Measure } from '../../core/measure.ts';
import {
  comparePeriods,
  periodMonth,
  periodOf,
  periodOfLocalDate,
  periodYear,
  type Period,
} from '../../core/period.ts';
import type { StagedValue } from '../../warehouse/staged-file.ts';
import { findDistrict, findPeriod, findUpperRegion } from './find-region-and-period.ts';
import { locateReturnTable, type ReturnTable } from './locate-return-table.ts';
import { readSheetGrid, type GridCell, type SheetGrid } from './read-sheet-grid.ts';

/** One figure read from a return, in the indicator's base unit, with its cell and label. */
export type ParsedValue = StagedValue;

export interface ParsedReturn {
  readonly file: string;
  /** District code, null when it could not be determined. */
  readonly region: string | null;
  /** Report month, null when it could not be determined. */
  readonly period: Period | null;
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
  const fileName = path.basename(file);
  const error: ErrorSink = (code, params) =>
    findings.push(finding(code, 'error', params, { file: fileName }));

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
    if (table.unknownSheetUnit !== null)
      findings.push(
        finding(
          'unknown_unit',
          'error',
          { label: `工作表“${grid.name}”的单位`, unit: table.unknownSheetUnit },
          { file: fileName, sheet: grid.name },
          { input: table.unknownSheetUnit },
        ),
      );
    readTable(grid, table, catalogue, fileName, raws, findings);
  }
  if (tables === 0) error('no_indicator_table', {});

  const region = resolveRegion(file, metaTexts, catalogue, error);
  const period = resolvePeriod(file, metaTexts, now, error);

  // A 累计 column headed for another month: last month's template sent again.
  for (const h of ytdHeaders)
    if (period && h.month !== periodMonth(period))
      findings.push(
        finding(
          'period_mismatch',
          'error',
          { kind: 'ytd_header', header: h.header, period },
          { file: fileName, sheet: h.sheet },
          { input: h.header },
        ),
      );

  const values: ParsedValue[] = [];
  const seen = new Map<string, ParsedValue>();
  if (period) {
    for (const raw of raws) {
      const parsed = toValue(raw, period, fileName, findings);
      if (!parsed) continue;
      const key = `${parsed.indicatorCode}|${parsed.period}|${parsed.measure}`;
      const earlier = seen.get(key);
      if (earlier) {
        if (!earlier.value.eq(parsed.value))
          findings.push(
            finding(
              'duplicate_indicator',
              'error',
              {
                label: parsed.label,
                first: earlier.value.toString(),
                firstAt: `${earlier.sheet}!${earlier.cell}`,
                second: parsed.value.toString(),
              },
              { file: fileName, sheet: parsed.sheet, cell: parsed.cell },
              { input: parsed.label, indicatorCode: parsed.indicatorCode },
            ),
          );
        continue;
      }
      seen.set(key, parsed);
      values.push(parsed);
    }
  }
  const tagged = findings.map((f): Finding => ({
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
    findings.push(finding('no_value_columns', 'error', { sheet: grid.name }, { file, sheet: grid.name }));
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
        findings.push(
          finding(
            'unknown_label',
            'error',
            { label, nearest: catalogue.nearestIndicatorNames(label) },
            { file, sheet: grid.name, cell: labelCell.address },
            { input: label },
          ),
        );
      continue;
    }
    const unitCell = unitColumn ? grid.cell(r, unitColumn) : null;
    const columnUnit = unitCell && unitCell.text !== '' ? parseUnit(unitCell.text) : null;
    // A unit that is written but not understood is an error: guessing 人 for 万人 stores 1/10,000 of the figure.
    if (unitCell && unitCell.text !== '' && !columnUnit)
      findings.push(
        finding(
          'unknown_unit',
          'error',
          { label, unit: unitCell.text },
          { file, sheet: grid.name, cell: unitCell.address },
          { input: unitCell.text },
        ),
      );
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

function toValue(raw: RawValue, period: Period, file: string, findings: Finding[]): ParsedValue | null {
  const { indicator, cell } = raw;
  const location = { file, sheet: raw.sheet, cell: cell.address };
  if (cell.formulaWithoutResult) {
    findings.push(
      finding('non_numeric_value', 'error', { kind: 'formula_without_result', label: raw.label }, location, {
        input: raw.label,
        indicatorCode: indicator.code,
      }),
    );
    return null;
  }
  const quantity = parseQuantity(cell.value, {
    baseUnit: indicator.unit,
    contextUnit: raw.unit,
    percentFormatted: cell.percent,
  });
  if (quantity.kind === 'not_reported') return null;
  if (quantity.kind === 'invalid') {
    findings.push(
      finding(
        'non_numeric_value',
        'error',
        { kind: 'cell', label: raw.label, reason: quantity.reason },
        location,
        {
          input: String(cell.value),
          indicatorCode: indicator.code,
        },
      ),
    );
    return null;
  }
  const monthOf =
    typeof raw.role === 'object' ? periodOf(periodYear(period), raw.role.calendarMonth) : period;
  if (comparePeriods(monthOf, period) > 0) return null; // a month column after the report month: not yet reported
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

/** Records an error finding about the file as a whole. */
type ErrorSink = <
  C extends
    'no_indicator_table' | 'region_mismatch' | 'unknown_region' | 'period_mismatch' | 'unknown_period',
>(
  code: C,
  params: FindingParams[C],
) => void;

function resolveRegion(
  file: string,
  metaTexts: readonly string[],
  catalogue: Catalogue,
  error: ErrorSink,
): string | null {
  const fromContent = new Map<string, string>();
  for (const text of metaTexts) {
    const region = findDistrict(text, catalogue);
    if (region) fromContent.set(region.code, text);
  }
  const fromName = findDistrict(path.basename(file), catalogue);
  if (fromContent.size > 1) {
    error('region_mismatch', { kind: 'several', texts: [...fromContent.values()] });
    return null;
  }
  const content = [...fromContent.keys()][0];
  if (content && fromName && content !== fromName.code) {
    error('region_mismatch', {
      kind: 'name_vs_sheet',
      fromName: fromName.nameZh,
      fromSheet: catalogue.findRegion(content)?.nameZh ?? content,
      text: fromContent.get(content)!,
    });
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
    error('unknown_region', { kind: 'return', texts: metaTexts.filter((t) => /单位|区|市/.test(t)) });
  return upper?.code ?? null;
}

function resolvePeriod(
  file: string,
  metaTexts: readonly string[],
  now: Date,
  error: ErrorSink,
): Period | null {
  const fromContent = new Map<Period, string>();
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
    error('period_mismatch', { kind: 'several', texts: [...fromContent.values()] });
    return null;
  }
  const content = [...fromContent.keys()][0];
  if (content && fromName && content !== fromName) {
    error('period_mismatch', {
      kind: 'name_vs_sheet',
      fromName,
      fromSheet: content,
      text: fromContent.get(content)!,
    });
    return null;
  }
  const period = content ?? fromName ?? null;
  if (!period) {
    error('unknown_period', invalid.length > 0 ? { kind: 'invalid', texts: invalid } : { kind: 'missing' });
    return null;
  }
  if (comparePeriods(period, periodOfLocalDate(now)) > 0) {
    error('unknown_period', { kind: 'future', period });
    return null;
  }
  return period;
}
