/** The look every workbook the product writes shares: thin cell borders and the body font. */
import type ExcelJS from 'exceljs';

/** Thin borders on all four sides of a cell. */
export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** 宋体 10 pt: the body text of a statistical table. */
export const BODY_FONT = { name: '宋体', size: 10 };
