/**
 * A worksheet as a plain grid the return parser can search: every cell's value as written (formula
 * → cached result, rich text → text), merged cells resolved to their master, and percent formats noted.
 */
import type ExcelJS from 'exceljs';

/** One cell of the grid. */
export interface GridCell {
  /** A1 address. */
  readonly address: string;
  /** The value as written: a number, a text, or null (empty, or a formula without a cached result). */
  readonly value: number | string | null;
  /** Text of the cell (or its merge master), trimmed; '' when empty. */
  readonly text: string;
  /** Part of a merged range but not its master: its own value is the master's. */
  readonly mergedSlave: boolean;
  /** The cell's number format shows a percentage (0.935 means 93.5%). */
  readonly percent: boolean;
  /** A formula whose cached result is missing, so the value cannot be read. */
  readonly formulaWithoutResult: boolean;
}

export interface SheetGrid {
  readonly name: string;
  readonly rowCount: number;
  readonly columnCount: number;
  /** Cell at 1-based row and column (an empty cell outside the used range). */
  cell(row: number, column: number): GridCell;
}

const EMPTY: GridCell = {
  address: '',
  value: null,
  text: '',
  mergedSlave: false,
  percent: false,
  formulaWithoutResult: false,
};

/**
 * Read a worksheet into a grid. Hidden rows and columns are read like any other. `cached` gives
 * formulas' cached values exceljs lost, by address (`readCachedResults`): a cached 0 is 0.
 */
export function readSheetGrid(
  sheet: ExcelJS.Worksheet,
  cached?: ReadonlyMap<string, number | string>,
): SheetGrid {
  const rowCount = sheet.actualRowCount === 0 ? 0 : sheet.rowCount;
  const columnCount = sheet.columnCount;
  const cells: GridCell[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.findRow(r);
    const line: GridCell[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row?.findCell(c);
      line.push(cell ? gridCell(cell, cached) : EMPTY);
    }
    cells.push(line);
  }
  return {
    name: sheet.name,
    rowCount,
    columnCount,
    cell(row, column) {
      return cells[row - 1]?.[column - 1] ?? EMPTY;
    },
  };
}

function gridCell(cell: ExcelJS.Cell, cached?: ReadonlyMap<string, number | string>): GridCell {
  const slave = cell.isMerged && cell.master.address !== cell.address;
  const source = slave ? cell.master : cell;
  const lost = plainValue(cell.value);
  const recovered = lost.formulaWithoutResult ? cached?.get(cell.address) : undefined;
  const own = recovered === undefined ? lost : { value: recovered, formulaWithoutResult: false };
  const shown = slave ? plainValue(source.value) : own;
  return {
    address: cell.address,
    value: slave ? null : own.value,
    text: shown.value === null ? '' : String(shown.value).trim(),
    mergedSlave: slave,
    percent: typeof source.numFmt === 'string' && source.numFmt.includes('%'),
    formulaWithoutResult: !slave && own.formulaWithoutResult,
  };
}

function plainValue(value: ExcelJS.CellValue): {
  value: number | string | null;
  formulaWithoutResult: boolean;
} {
  if (value === null || value === undefined) return { value: null, formulaWithoutResult: false };
  if (typeof value === 'number' || typeof value === 'string') return { value, formulaWithoutResult: false };
  if (typeof value === 'boolean') return { value: String(value), formulaWithoutResult: false };
  if (value instanceof Date) return { value: value.toISOString().slice(0, 10), formulaWithoutResult: false };
  if ('richText' in value)
    return { value: value.richText.map((p) => p.text).join(''), formulaWithoutResult: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { value: null, formulaWithoutResult: true };
    if (typeof result === 'object' && 'error' in (result as object))
      return { value: String((result as { error: string }).error), formulaWithoutResult: false };
    return plainValue(result as ExcelJS.CellValue);
  }
  if ('error' in value) return { value: String(value.error), formulaWithoutResult: false };
  if ('text' in value) return { value: String(value.text), formulaWithoutResult: false };
  return { value: null, formulaWithoutResult: false };
}
