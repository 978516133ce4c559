/**
 * The workbook limits of an .xlsx copy of a system export: a month of 就业登记明细 is some 40,000
 * rows, far beyond a district return's limit, so an export may fill a sheet as Excel allows. Still
 * measured before anything is parsed, then streamed row by row; a district return keeps its own
 * (configured) limits, never loosened by these.
 */
import type { WorkbookLimits } from '../district-return/check-workbook-limits.ts';

const MB = 1024 * 1024;

/** Excel's own maxima for one sheet, and sizes an export of that many rows can reach. */
export const EXPORT_WORKBOOK_LIMITS = {
  sheet_rows: 1_048_576,
  workbook_bytes: 256 * MB,
  workbook_xml_bytes: 2048 * MB,
} as const;

/** The limits an .xlsx export is measured against: the configured ones, each raised to the export's. */
export function exportWorkbookLimits(limits: WorkbookLimits): WorkbookLimits {
  return {
    ...limits,
    sheet_rows: Math.max(limits.sheet_rows, EXPORT_WORKBOOK_LIMITS.sheet_rows),
    workbook_bytes: Math.max(limits.workbook_bytes, EXPORT_WORKBOOK_LIMITS.workbook_bytes),
    workbook_xml_bytes: Math.max(limits.workbook_xml_bytes, EXPORT_WORKBOOK_LIMITS.workbook_xml_bytes),
  };
}
