/**
 * A district return (an exceljs workbook) in, parsed values, findings and the accounting of every
 * value cell out. Pure: no IO. Every problem becomes a finding with sheet, cell, label and value;
 * unreadable figures are never 0, and each value cell ends stored, not reported or left out by reason.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Catalogue, Indicator } from '../../catalogue/catalogue.ts';
import { fileCounts, type FileCounts } from '../../core/file-counts.ts';
import { parseQuantity, type Quantity } from '../../core/parse-quantity.ts';
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
  /** Every value cell of an indicator row (hidden ones included): stored, not reported or left out. */
  readonly counts: FileCounts;
}

/**
 * Why a value cell was left out (`counts.left_out`): `unknown_label` (its row's label is not in the
 * catalogue), `non_numeric` (not a number), `formula_without_result` (a formula with no cached
 * value), `repeated` (the same figure given again elsewhere), `duplicate_indicator` (a second,
 * different figure for the same indicator), `level_ambiguous` (a level under 本月 that differs from
 * the one under 累计), `after_report_month` (a month column after the report month), `rejected`
 * (a figure the file's rejection kept out: no region or report month; `kpi ingest` also counts here
 * every figure of a file rejected for any error).
 */
export type LeftOutReason =
  | 'unknown_label'
  | 'non_numeric'
  | 'formula_without_result'
  | 'repeated'
  | 'duplicate_indicator'
  | 'level_ambiguous'
  | 'after_report_month'
  | 'rejected';

/** The running accounting of the cells not stored. */
interface Tally {
  notReported: number;
  readonly leftOut: Partial<Record<LeftOutReason, number>>;
}

const leave = (tally: Tally, reason: LeftOutReason) =>
  (tally.leftOut[reason] = (tally.leftOut[reason] ?? 0) + 1);

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
 * `now` bounds the report month (a month in the future is not a valid period). `cachedResults`
 * gives, per sheet and cell, a formula's cached value that exceljs lost (`readCachedResults`).
 */
export function parseDistrictReturn(
  workbook: ExcelJS.Workbook,
  file: string,
  catalogue: Catalogue,
  now: Date,
  cachedResults?: ReadonlyMap<string, ReadonlyMap<string, number | string>>,
): ParsedReturn {
  const findings: Finding[] = [];
  const fileName = path.basename(file);
  const error: ErrorSink = (code, params) =>
    findings.push(finding(code, 'error', params, { file: fileName }));

  const raws: RawValue[] = [];
  const metaTexts: string[] = [];
  const ytdHeaders: { sheet: string; header: string; month: number }[] = [];
  const tally: Tally = { notReported: 0, leftOut: {} };
  const skipped = (sheet: string, why: 'hidden' | 'no_indicator_table', copyOf: Period | null = null) =>
    findings.push(finding('helper_sheet_skipped', 'info', { sheet, why, copyOf }, { file: fileName, sheet }));
  let tables = 0;
  for (const sheet of workbook.worksheets) {
    const grid = readSheetGrid(sheet, cachedResults?.get(sheet.name));
    const table = locateReturnTable(grid, catalogue);
    // A hidden sheet is a helper (a dropdown list) or last month's copy, never this month's return.
    if (sheet.state !== 'visible' && sheet.state !== undefined) {
      skipped(grid.name, 'hidden', table ? copiedPeriod(table) : null);
      continue;
    }
    if (!table || isNameList(grid, table)) {
      skipped(grid.name, 'no_indicator_table');
      continue;
    }
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
    readTable(grid, table, catalogue, fileName, raws, findings, tally);
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
  const seen = new Map<string, { value: ParsedValue; fromMonthColumn: boolean }>();
  for (const raw of raws) {
    const parsed = toValue(raw, period, fileName, findings, tally);
    if (!parsed) continue;
    const key = `${parsed.indicatorCode}|${parsed.period}|${parsed.measure}`;
    const fromMonthColumn = raw.role === 'month';
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, { value: parsed, fromMonthColumn });
      values.push(parsed);
      continue;
    }
    const first = earlier.value;
    if (first.value.eq(parsed.value)) {
      leave(tally, 'repeated');
      continue;
    }
    // A level under both 本月 and 累计: the 累计 figure is the template's place for a level, so it
    // is stored; the other is left out with a warning, since what it means cannot be decided.
    if (parsed.measure === 'level' && earlier.fromMonthColumn !== fromMonthColumn) {
      const [level, month] = fromMonthColumn ? [first, parsed] : [parsed, first];
      findings.push(
        finding(
          'level_ambiguous',
          'warning',
          {
            label: month.label,
            monthValue: month.value.toString(),
            monthAt: `${month.sheet}!${month.cell}`,
            level: level.value.toString(),
          },
          { file: fileName, sheet: month.sheet, cell: month.cell },
          { input: month.label, indicatorCode: month.indicatorCode },
        ),
      );
      leave(tally, 'level_ambiguous');
      if (!fromMonthColumn) {
        values[values.indexOf(first)] = parsed;
        seen.set(key, { value: parsed, fromMonthColumn });
      }
      continue;
    }
    findings.push(
      finding(
        'duplicate_indicator',
        'error',
        {
          label: parsed.label,
          first: first.value.toString(),
          firstAt: `${first.sheet}!${first.cell}`,
          second: parsed.value.toString(),
        },
        { file: fileName, sheet: parsed.sheet, cell: parsed.cell },
        { input: parsed.label, indicatorCode: parsed.indicatorCode },
      ),
    );
    leave(tally, 'duplicate_indicator');
  }
  // Figures after the report month are left out, and said: a misnamed later return looks like this.
  const later = tally.leftOut.after_report_month ?? 0;
  if (period && later > 0)
    findings.push(finding('after_report_month', 'warning', { period, count: later }, { file: fileName }));
  // Without a region and month nothing can be stored: the figures read are kept out with the file.
  if (!period || !region) {
    tally.leftOut.rejected = (tally.leftOut.rejected ?? 0) + values.length;
    values.length = 0;
  }
  const tagged = findings.map((f): Finding => ({
    ...f,
    regionCode: f.regionCode ?? region ?? undefined,
    period: f.period ?? period ?? undefined,
  }));
  return {
    file,
    region,
    period,
    values,
    findings: tagged,
    counts: fileCounts(values.length, tally.notReported, tally.leftOut),
  };
}

/** The report month a hidden copy of a return names above or in its header (title, 报告期). */
function copiedPeriod(table: ReturnTable): Period | null {
  for (const text of [...table.metaTexts, ...table.columns.map((c) => c.header)]) {
    const match = findPeriod(text);
    if (match?.kind === 'period') return match.period;
  }
  return null;
}

/**
 * A sheet that lists indicator names with nothing beside them (a dropdown list for data
 * validation) is not a return table. Figures beside the names with no 本月/累计 header are.
 */
function isNameList(grid: SheetGrid, table: ReturnTable): boolean {
  if (table.columns.some((c) => c.role.kind !== 'label')) return false;
  for (let r = table.firstDataRow; r < table.endRow; r++)
    for (let c = 1; c <= grid.columnCount; c++)
      if (c !== table.labelColumn && grid.cell(r, c).text !== '') return false;
  return true;
}

function readTable(
  grid: SheetGrid,
  table: ReturnTable,
  catalogue: Catalogue,
  file: string,
  raws: RawValue[],
  findings: Finding[],
  tally: Tally,
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
      // A heading ("一、就业创业") has no figures; an unknown label with figures has its cells counted.
      if (!hasContent) continue;
      for (const { cell } of cells) {
        if (cell.mergedSlave) continue;
        if (cell.formulaWithoutResult || (cell.value !== null && String(cell.value).trim() !== ''))
          leave(tally, 'unknown_label');
        else tally.notReported++;
      }
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

function toValue(
  raw: RawValue,
  period: Period | null,
  file: string,
  findings: Finding[],
  tally: Tally,
): ParsedValue | null {
  const { indicator, cell } = raw;
  const location = { file, sheet: raw.sheet, cell: cell.address };
  if (cell.formulaWithoutResult) {
    findings.push(
      finding('non_numeric_value', 'error', { kind: 'formula_without_result', label: raw.label }, location, {
        input: raw.label,
        indicatorCode: indicator.code,
      }),
    );
    leave(tally, 'formula_without_result');
    return null;
  }
  const quantity: Quantity = parseQuantity(cell.value, {
    baseUnit: indicator.unit,
    contextUnit: raw.unit,
    percentFormatted: cell.percent,
  });
  if (quantity.kind === 'not_reported') {
    tally.notReported++;
    return null;
  }
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
    leave(tally, 'non_numeric');
    return null;
  }
  if (!period) {
    leave(tally, 'rejected');
    return null;
  }
  const monthOf =
    typeof raw.role === 'object' ? periodOf(periodYear(period), raw.role.calendarMonth) : period;
  // A figure in a month column after the report month: not this return's to give.
  if (comparePeriods(monthOf, period) > 0) {
    leave(tally, 'after_report_month');
    return null;
  }
  return {
    indicatorCode: indicator.code,
    period: monthOf,
    measure: measureOf(indicator, raw.role),
    value: quantity.value,
    sheet: raw.sheet,
    cell: cell.address,
    label: raw.label,
  };
}

/**
 * Which figure a column gives for an indicator of this kind. Stocks, ratios and rates have one
 * figure a month, the level at month end, whichever column it is written in (SPEC §6: the city
 * writes its 城镇调查失业率 under 本月).
 */
function measureOf(indicator: Indicator, role: RawValue['role']): Measure {
  const additive = indicator.kind === 'flow' || indicator.kind === 'net_change';
  if (!additive) return 'level';
  return typeof role === 'object' ? 'month' : role;
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
