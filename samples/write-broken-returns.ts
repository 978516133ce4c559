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
  const write = async (file: string, workbook: ExcelJS.Workbook, entry: Omit<BrokenReturn, 'file'>) => {
    await writeWorkbook(workbook, path.join(dir, file));
    entries.push({ file, ...entry });
  };
  const ytd = (code: string, month: number) => truth.get(code, REGION, month).ytd!;

  // Unreadable: the first kilobyte of a real workbook, as a broken mail attachment would be.
  const good = await workbookBytes(build(10));
  await writeFile(path.join(dir, name(10, '市北区')), good.subarray(0, 1024));
  entries.push({ file: name(10, '市北区'), code: 'unreadable_file', fault: 'truncated file' });

  let workbook = build(10);
  sheetOf(workbook).getCell('A2').value = '填报单位：青岛市高新区人力资源和社会保障局（盖章）';
  await write(name(10, '高新区'), workbook, { code: 'unknown_region', fault: '高新区 is not a region' });

  workbook = build(10);
  sheetOf(workbook).getCell('A1').value = '人社重点指标完成情况表';
  sheetOf(workbook).getCell('E2').value = '报告期：';
  await write(`市南区_${standardReturn.subject}.xlsx`, workbook, {
    code: 'unknown_period',
    fault: 'no period in the file name or the sheet',
  });

  await write(name(9), build(10), {
    code: 'period_mismatch',
    fault: 'file name says September, the sheet October',
  });

  workbook = build(10);
  cellOf(workbook, '城镇新增就业', YTD_COLUMN).value = '待核实';
  await write(name(10).replace('.xlsx', '_非数值.xlsx'), workbook, {
    code: 'non_numeric_value',
    fault: '城镇新增就业 1-10月累计 is 待核实',
  });

  workbook = build(10);
  cellOf(workbook, '劳务合作基地数', YTD_COLUMN).value = -3;
  await write(name(10).replace('.xlsx', '_负数.xlsx'), workbook, {
    code: 'negative_value',
    fault: '劳务合作基地数 is -3',
  });

  const previous = `prerequisite/${name(9)}`;
  await writeWorkbook(build(9), path.join(dir, previous));
  workbook = build(10);
  cellOf(workbook, '城镇新增就业', YTD_COLUMN).value = ytd('urban_new_jobs', 9)
    .minus(500)
    .div(10_000)
    .toNumber();
  await write(name(10).replace('.xlsx', '_累计减少.xlsx'), workbook, {
    code: 'ytd_decreased',
    loadFirst: previous,
    fault: '城镇新增就业 1-10月累计 is 500 below 1-9月累计',
  });

  workbook = build(1);
  cellOf(workbook, '城镇新增就业', MONTH_COLUMN).value = ytd('urban_new_jobs', 1)
    .plus(120)
    .div(10_000)
    .toNumber();
  await write(name(1).replace('.xlsx', '_本月累计不符.xlsx'), workbook, {
    code: 'month_ytd_mismatch',
    fault: 'in January 本月 and 累计 of 城镇新增就业 differ by 120',
  });

  workbook = build(10);
  raise(
    workbook,
    '劳动人事争议结案数',
    ytd('dispute_cases_accepted', 10).plus(25).minus(ytd('dispute_cases_closed', 10)),
  );
  await write(name(10).replace('.xlsx', '_结案数大于受理数.xlsx'), workbook, {
    code: 'numerator_above_denominator',
    fault: '劳动人事争议结案数 above 劳动人事争议受理案件数',
  });

  workbook = build(10);
  raise(
    workbook,
    '新增高技能人才数',
    ytd('new_skilled_workers', 10).plus(300).minus(ytd('new_high_skilled_workers', 10)),
    10_000,
  );
  await write(name(10).replace('.xlsx', '_子项大于总项.xlsx'), workbook, {
    code: 'child_above_parent',
    fault: '其中：新增高技能人才数 above 新增技能人才数',
  });

  workbook = build(10);
  const row = cellOf(workbook, '城镇新增就业', 2).row;
  sheetOf(workbook).getCell(`B${row}`).value = '城镇新增就业岗位开发数';
  await write(name(10).replace('.xlsx', '_未知指标.xlsx'), workbook, {
    code: 'unknown_label',
    fault: '城镇新增就业岗位开发数 is not in the catalogue',
  });

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
