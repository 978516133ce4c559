/**
 * Writes a sample workbook byte-for-byte reproducibly: exceljs stamps zip entries with the clock,
 * so every entry date is set to one fixed DOS date and the same workbook always has the same hash.
 */
import { writeFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';

/** Write `workbook` to `file` with fixed entry dates. */
export async function writeWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  await writeFile(file, await workbookBytes(workbook));
}

/** The workbook's .xlsx bytes with fixed entry dates. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return fixZipDates(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
}

const FIXED_TIME = 0; // 00:00:00
const FIXED_DATE = ((2022 - 1980) << 9) | (11 << 5) | 1; // 2022-11-01

/** A copy of `zip` with all local and central-directory entry dates fixed. */
export function fixZipDates(zip: Uint8Array): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('not a zip file: bad central directory');
    out.writeUInt16LE(FIXED_TIME, at + 12);
    out.writeUInt16LE(FIXED_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(FIXED_TIME, local + 10);
    out.writeUInt16LE(FIXED_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
