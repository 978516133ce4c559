/**
 * Finds the table in one sheet of a return without fixed positions: the label column is the one
 * whose cells name catalogue indicators, the header band is the block of header words just above
 * the first indicator row, and each column's role comes from its header words (bottom-most first).
 */
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { extractUnit, parseUnit, type ParsedUnit } from '../../core/units.ts';
import { classifyHeader, type ColumnRole } from './classify-header.ts';
import type { SheetGrid } from './read-sheet-grid.ts';

export interface ReturnColumn {
  readonly column: number;
  readonly role: ColumnRole;
  /** Header words of the column, top to bottom. */
  readonly header: string;
  /** A unit written in the header ("本月（万人）"). */
  readonly unit: ParsedUnit | null;
}

export interface ReturnTable {
  readonly labelColumn: number;
  readonly headerTop: number;
  readonly headerBottom: number;
  /** First row under the header band. */
  readonly firstDataRow: number;
  /** Row after the last data row (the footer, or past the end). */
  readonly endRow: number;
  readonly columns: readonly ReturnColumn[];
  /** Texts above the header: title, 填报单位, 报告期, "单位：万人". */
  readonly metaTexts: readonly string[];
  /** A unit declared for the whole sheet above the table ("单位：万人"). */
  readonly sheetUnit: ParsedUnit | null;
  /** A "单位：…" declaration above the table whose unit is not understood (an error, never ignored). */
  readonly unknownSheetUnit: string | null;
}

const FOOTER =
  /^(填表人|填报人|审核人|负责人|单位负责人|统计负责人|联系电话|联系人|说明|注[:：]|备注|制表|填报日期|报出日期)/;

/** The table of a sheet, or null when the sheet names no indicator (an instruction sheet). */
export function locateReturnTable(grid: SheetGrid, catalogue: Catalogue): ReturnTable | null {
  const matches = new Map<number, number>();
  const firstMatch = new Map<number, number>();
  for (let r = 1; r <= grid.rowCount; r++)
    for (let c = 1; c <= grid.columnCount; c++) {
      const cell = grid.cell(r, c);
      if (cell.mergedSlave || typeof cell.value !== 'string' || !catalogue.findIndicator(cell.text)) continue;
      matches.set(c, (matches.get(c) ?? 0) + 1);
      if (!firstMatch.has(c)) firstMatch.set(c, r);
    }
  if (matches.size === 0) return null;
  const labelColumn = [...matches.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const firstDataRow = firstMatch.get(labelColumn)!;

  // The header band: the contiguous header rows nearest above the first indicator row.
  const isHeaderRow = (r: number) => {
    let roles = 0;
    for (let c = 1; c <= grid.columnCount; c++) {
      if (!classifyHeader(grid.cell(r, c).text)) continue;
      if (c === labelColumn) return true;
      roles++;
    }
    return roles >= 2;
  };
  let headerBottom = firstDataRow - 1;
  while (headerBottom >= 1 && !isHeaderRow(headerBottom)) headerBottom--;
  let headerTop = headerBottom;
  while (headerTop > 1 && isHeaderRow(headerTop - 1)) headerTop--;

  const columns: ReturnColumn[] = [];
  if (headerBottom >= 1) {
    for (let c = 1; c <= grid.columnCount; c++) {
      const texts: string[] = [];
      for (let r = headerTop; r <= headerBottom; r++) {
        const text = grid.cell(r, c).text;
        if (text !== '' && texts.at(-1) !== text) texts.push(text);
      }
      let role: ColumnRole | null = null;
      for (const text of [...texts].reverse()) if ((role = classifyHeader(text))) break;
      if (c === labelColumn) role = { kind: 'label' };
      if (!role) continue;
      const unit = texts.map((t) => extractUnit(t).unit).find((u) => u !== null) ?? null;
      columns.push({ column: c, role, header: texts.join(' / '), unit });
    }
  }

  // Data starts right under the header band: an unknown label above the first known one still counts.
  const dataStart = headerBottom >= 1 ? headerBottom + 1 : firstDataRow;
  let endRow = dataStart;
  while (endRow <= grid.rowCount && !isFooterRow(grid, endRow)) endRow++;

  const metaTexts: string[] = [];
  for (let r = 1; r < Math.max(headerTop, 1); r++)
    for (let c = 1; c <= grid.columnCount; c++) {
      const cell = grid.cell(r, c);
      if (!cell.mergedSlave && cell.text !== '') metaTexts.push(cell.text);
    }
  // "单位：万人" declares the unit; "填报单位：市南区" names who reports, and is not a unit.
  const declared = metaTexts.flatMap((t) =>
    [...t.normalize('NFKC').matchAll(/(填报)?单位\s*:\s*([^\s,;，；、()（）\[\]]+)/g)]
      .filter((m) => m[1] === undefined)
      .map((m) => m[2]!),
  );
  const sheetUnit = declared.map((u) => parseUnit(u)).find((u) => u !== null) ?? null;
  const unknownSheetUnit = declared.find((u) => parseUnit(u) === null) ?? null;
  return {
    labelColumn,
    headerTop,
    headerBottom,
    firstDataRow: dataStart,
    endRow,
    columns,
    metaTexts,
    sheetUnit,
    unknownSheetUnit,
  };
}

function isFooterRow(grid: SheetGrid, r: number): boolean {
  for (let c = 1; c <= grid.columnCount; c++) {
    const text = grid.cell(r, c).text.normalize('NFKC').replace(/\s+/g, '');
    if (text !== '') return FOOTER.test(text);
  }
  return false;
}
