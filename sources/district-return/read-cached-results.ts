/**
 * Formulas' cached values read from the sheet XML, for the cells where exceljs 4.4.0 lost them: it
 * keeps a cached result only when truthy, so `<c><f>F16-98</f><v>0</v></c>` reads as a formula
 * with no result. Excel and LibreOffice write exactly that for every formula that evaluates to 0.
 */
import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';

/** Per sheet name, per cell address: the cached value of a formula exceljs reads without one. */
export type CachedResults = ReadonlyMap<string, ReadonlyMap<string, number | string>>;

/**
 * The cached values `workbook` (loaded from the .xlsx `bytes`) lost. Only sheets with such a cell
 * are read from the zip; the workbook's limits were checked before, so every part is small.
 *
 * @example
 * const cached = readCachedResults(workbook, bytes);
 * const grid = readSheetGrid(sheet, cached.get(sheet.name)); // a cached 0 is 0
 */
export function readCachedResults(workbook: ExcelJS.Workbook, bytes: Buffer): CachedResults {
  const lost = new Map<string, Set<string>>();
  for (const sheet of workbook.worksheets)
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
        if (value === null || typeof value !== 'object') return;
        if (!('formula' in value || 'sharedFormula' in value)) return;
        if (value.result !== undefined && value.result !== null) return;
        let cells = lost.get(sheet.name);
        if (!cells) lost.set(sheet.name, (cells = new Set()));
        cells.add(cell.address);
      }),
    );
  const found = new Map<string, Map<string, number | string>>();
  if (lost.size === 0) return found;
  const zip = readZipDirectory(bytes);
  if (!zip) return found;
  const parts = sheetParts(zip);
  for (const [sheet, addresses] of lost) {
    const part = parts.get(sheet);
    const xml = part ? zip.text(part) : null;
    if (xml === null) continue;
    const values = new Map<string, number | string>();
    for (const [address, value] of formulaValues(xml)) if (addresses.has(address)) values.set(address, value);
    found.set(sheet, values);
  }
  return found;
}

// <c r="E7" s="3" t="str"><f>…</f><v>0</v></c>; a shared formula's cell may hold <f t="shared" si="0"/>.
const CELL = /<c\b([^>]*)>([\s\S]*?)<\/c>/g;
const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}="([^"]*)"`);
const CACHED = /<v>([\s\S]*?)<\/v>/;

/** Each formula cell's cached value: a number, or the text of a text, boolean or error result. */
function* formulaValues(xml: string): Generator<[string, number | string]> {
  for (const [, attributes, body] of xml.matchAll(CELL)) {
    if (!/<f\b/.test(body!)) continue;
    const address = ATTRIBUTE('r').exec(attributes!)?.[1];
    const cached = CACHED.exec(body!)?.[1];
    if (address === undefined || cached === undefined) continue;
    const type = ATTRIBUTE('t').exec(attributes!)?.[1] ?? 'n';
    if (type === 'n') {
      const number = Number(cached);
      if (cached.trim() !== '' && Number.isFinite(number)) yield [address, number];
    } else yield [address, unescapeXml(cached)];
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Sheet name → its part (`xl/worksheets/sheet1.xml`), from the workbook and its relationships. */
function sheetParts(zip: ZipDirectory): Map<string, string> {
  const parts = new Map<string, string>();
  const workbook = zip.text('xl/workbook.xml');
  const rels = zip.text('xl/_rels/workbook.xml.rels');
  if (workbook === null || rels === null) return parts;
  const targets = new Map<string, string>();
  for (const [relationship] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = ATTRIBUTE('Id').exec(relationship)?.[1];
    const target = ATTRIBUTE('Target').exec(relationship)?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const [sheet] of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = ATTRIBUTE('name').exec(sheet)?.[1];
    const id = /\br:id="([^"]*)"/.exec(sheet)?.[1] ?? ATTRIBUTE('[\\w]+:id').exec(sheet)?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) parts.set(unescapeXml(name), target);
  }
  return parts;
}

interface ZipDirectory {
  /** A part's text, or null when it is missing or cannot be read. */
  text(name: string): string | null;
}

/** The zip's central directory, read from the bytes in memory (null: not a zip read here). */
function readZipDirectory(bytes: Buffer): ZipDirectory | null {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) return null;
  const entries = new Map<string, { method: number; compressed: number; local: number }>();
  let at = bytes.readUInt32LE(end + 16);
  const count = bytes.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    entries.set(bytes.toString('utf8', at + 46, at + 46 + nameLength), {
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      local: bytes.readUInt32LE(at + 42),
    });
    at += 46 + skip;
  }
  return {
    text(name) {
      const entry = entries.get(name);
      if (!entry || entry.local + 30 > bytes.length) return null;
      const data =
        entry.local + 30 + bytes.readUInt16LE(entry.local + 26) + bytes.readUInt16LE(entry.local + 28);
      const raw = bytes.subarray(data, data + entry.compressed);
      try {
        if (entry.method === 0) return raw.toString('utf8');
        if (entry.method === 8) return inflateRawSync(raw).toString('utf8');
      } catch {
        return null;
      }
      return null;
    },
  };
}
