/**
 * One broken return per SPEC §7 error, each made from a good return of 市南区 with one fault, and an
 * `expected.json` naming the finding code each must produce (and any return to load before it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { SampleTruth } from './sample-truth.ts';
import { workbookBytes, writeWorkbook } from './write-workbook.ts';
import { standardReturn } from './variants/standard-return.ts';
import { Decimal } from 'decimal.js';

/** An entry of `expected.json`. */
export interface BrokenReturn {
  /** File name inside the broken folder. */
  readonly file: string;
  /** The error finding code the return must be rejected with. */
  readonly code: string;
  /** A good return (relative to the broken folder) that must be loaded first, for checks against last month. */
  readonly loadFirst?: string;
  readonly fault: string;
}

const REGION = '370202';
const MONTH_COLUMN = 5;
const YTD_COLUMN = 6;

/** Write the broken returns and `expected.json` into `dir`; returns the entries. */
export async function writeBrokenReturns(
  dir: string,
  catalogue: Catalogue,
  truth: SampleTruth,
): Promise<BrokenReturn[]> {
  await mkdir(path.join(dir, 'prerequisite'), { recursive: true });
  const region = truth.districts.find((d) => d.code === REGION)!;
  const targets = new Map<string, Decimal>();
  const build = (month: number) =>
    standardReturn.build({
      catalogue,
      truth,
      region,
      regionName: region.nameZh,
      year: truth.year,
      month,
      targets,
    });
  const name = (month: number, who = '市南区') =>
    `${truth.year}年${month}月_${who}_${standardReturn.subject}.xlsx`;
  const entries: BrokenReturn[] = [];
  /** Build the good return of `month`, let `fault` break it, and write it as `file` with its entry. */
  const writeBroken = async (
    file: string,
    month: number,
    fault: (workbook: ExcelJS.Workbook) => void,
    entry: Omit<BrokenReturn, 'file'>,
  ) => {
    const workbook = build(month);
    fault(workbook);
    await writeWorkbook(workbook, path.join(dir, file));
    entries.push({ file, ...entry });
  };
  /** `2022年10月_市南区_…_<suffix>.xlsx` */
  const variant = (month: number, suffix: string) => name(month).replace('.xlsx', `_${suffix}.xlsx`);
  const ytd = (code: string, month: number) => truth.get(code, REGION, month).ytd!;
  /** A fault raising October's row `label` (indicator `code`) to `by` above the YTD of `other`. */
  const exceeding =
    (label: string, code: string, other: string, by: number, divisor = 1) =>
    (workbook: ExcelJS.Workbook) =>
      raise(workbook, label, ytd(other, 10).plus(by).minus(ytd(code, 10)), divisor);

  // Unreadable: the first kilobyte of a real workbook, as a broken mail attachment would be.
  const good = await workbookBytes(build(10));
  await writeFile(path.join(dir, name(10, '市北区')), good.subarray(0, 1024));
  entries.push({ file: name(10, '市北区'), code: 'unreadable_file', fault: 'truncated file' });

  await writeBroken(
    name(10, '高新区'),
    10,
    (workbook) =>
      (sheetOf(workbook).getCell('A2').value = '填报单位：青岛市高新区人力资源和社会保障局（盖章）'),
    { code: 'unknown_region', fault: '高新区 is not a region' },
  );

  await writeBroken(
    `市南区_${standardReturn.subject}.xlsx`,
    10,
    (workbook) => {
      sheetOf(workbook).getCell('A1').value = '人社重点指标完成情况表';
      sheetOf(workbook).getCell('E2').value = '报告期：';
    },
    { code: 'unknown_period', fault: 'no period in the file name or the sheet' },
  );

  await writeBroken(name(9), 10, () => {}, {
    code: 'period_mismatch',
    fault: 'file name says September, the sheet October',
  });

  await writeBroken(
    variant(10, '非数值'),
    10,
    (workbook) => (cellOf(workbook, '城镇新增就业', YTD_COLUMN).value = '待核实'),
    { code: 'non_numeric_value', fault: '城镇新增就业 1-10月累计 is 待核实' },
  );

  await writeBroken(
    variant(10, '负数'),
    10,
    (workbook) => (cellOf(workbook, '劳务合作基地数', YTD_COLUMN).value = -3),
    { code: 'negative_value', fault: '劳务合作基地数 is -3' },
  );

  const previous = `prerequisite/${name(9)}`;
  await writeWorkbook(build(9), path.join(dir, previous));
  await writeBroken(
    variant(10, '累计减少'),
    10,
    (workbook) => setInWan(workbook, '城镇新增就业', YTD_COLUMN, ytd('urban_new_jobs', 9).minus(500)),
    { code: 'ytd_decreased', loadFirst: previous, fault: '城镇新增就业 1-10月累计 is 500 below 1-9月累计' },
  );

  await writeBroken(
    variant(1, '本月累计不符'),
    1,
    (workbook) => setInWan(workbook, '城镇新增就业', MONTH_COLUMN, ytd('urban_new_jobs', 1).plus(120)),
    { code: 'month_ytd_mismatch', fault: 'in January 本月 and 累计 of 城镇新增就业 differ by 120' },
  );

  await writeBroken(
    variant(10, '结案数大于受理数'),
    10,
    exceeding('劳动人事争议结案数', 'dispute_cases_closed', 'dispute_cases_accepted', 25),
    { code: 'numerator_above_denominator', fault: '劳动人事争议结案数 above 劳动人事争议受理案件数' },
  );

  await writeBroken(
    variant(10, '子项大于总项'),
    10,
    exceeding('新增高技能人才数', 'new_high_skilled_workers', 'new_skilled_workers', 300, 10_000),
    { code: 'child_above_parent', fault: '其中：新增高技能人才数 above 新增技能人才数' },
  );

  await writeBroken(
    variant(10, '未知指标'),
    10,
    (workbook) => {
      const row = cellOf(workbook, '城镇新增就业', 2).row;
      sheetOf(workbook).getCell(`B${row}`).value = '城镇新增就业岗位开发数';
    },
    { code: 'unknown_label', fault: '城镇新增就业岗位开发数 is not in the catalogue' },
  );

  await writeFile(path.join(dir, 'expected.json'), JSON.stringify(entries, null, 2) + '\n');
  return entries;
}

/** Add `delta` (base units) to a row's 本月 and 累计 alike, so only the intended check fails. */
function raise(workbook: ExcelJS.Workbook, label: string, delta: Decimal, divisor = 1): void {
  for (const column of [MONTH_COLUMN, YTD_COLUMN]) {
    const cell = cellOf(workbook, label, column);
    cell.value = delta.div(divisor).plus(Number(cell.value)).toNumber();
  }
}

/** Set a cell of a 万人 row to `value` (base units), as the template shows it. */
function setInWan(workbook: ExcelJS.Workbook, label: string, column: number, value: Decimal): void {
  cellOf(workbook, label, column).value = value.div(10_000).toNumber();
}

function sheetOf(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  return workbook.worksheets[0]!;
}

/** The cell in `column` of the row whose label ends with `label`. */
function cellOf(workbook: ExcelJS.Workbook, label: string, column: number): ExcelJS.Cell {
  const sheet = sheetOf(workbook);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const text = sheet.getCell(r, 2).value;
    if (typeof text === 'string' && text.endsWith(label)) return sheet.getCell(r, column);
  }
  throw new Error(`no row ${label} in the standard return`);
}
