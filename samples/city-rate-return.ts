/**
 * The city's own monthly return (填报单位：青岛市人力资源和社会保障局): the indicators only the city
 * publishes, 城镇调查失业率 first, one column per month up to the report month. No district
 * reports them, so without this return the headline rate never reaches a bulletin.
 */
import type ExcelJS from 'exceljs';
import { addSheet, box, newWorkbook } from './return-variant.ts';

/** The sample year's 城镇调查失业率 by month, in percent (a ceiling of 5.5%; seasonal, falling after spring). */
export const SURVEYED_UNEMPLOYMENT_RATE: readonly string[] = [
  '5.4',
  '5.6',
  '5.5',
  '5.3',
  '5.2',
  '5.3',
  '5.4',
  '5.2',
  '5.0',
  '4.9',
  '4.9',
  '4.8',
];

/** The city's return for `month` of `year`: rates in %, months 1…month. */
export function cityRateReturn(year: number, month: number): ExcelJS.Workbook {
  const workbook = newWorkbook();
  workbook.creator = '市人社局';
  const sheet = addSheet(workbook, '全市指标', [28, 8, ...Array.from({ length: month }, () => 9)]);
  sheet.getCell('A1').value = `${year}年全市城镇调查失业率分月情况表`;
  sheet.getCell('A2').value = '填报单位：青岛市人力资源和社会保障局';
  sheet.getCell('C2').value = `报告期：${year}年${month}月`;
  sheet.getCell('A3').value = '指标名称';
  sheet.getCell('B3').value = '计量单位';
  for (let m = 1; m <= month; m++) sheet.getCell(3, 2 + m).value = `${m}月`;
  sheet.getCell('A4').value = '城镇调查失业率';
  sheet.getCell('B4').value = '%';
  for (let m = 1; m <= month; m++) sheet.getCell(4, 2 + m).value = Number(SURVEYED_UNEMPLOYMENT_RATE[m - 1]);
  box(sheet, 3, 1, 4, 2 + month);
  sheet.getCell('A6').value = '说明：城镇调查失业率由国家统计局青岛调查队按月发布，全市口径。';
  return workbook;
}
