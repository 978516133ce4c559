/**
 * Hostile workbooks as districts' tools, broken exports and attackers produce them, written byte
 * by byte (a minimal zip writer) so that each carries exactly the fault it is named after: a lying
 * `<dimension>`, a lying central directory, a deflate bomb.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Part {
  readonly name: string;
  /** The stored bytes: deflated unless `stored`. */
  readonly data: Buffer;
  readonly size: number;
  readonly crc: number;
  readonly stored?: boolean;
}

/** A part deflated from its text. */
function part(name: string, text: string | Buffer): Part {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return { name, data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** Write a zip of `parts`; `declare` may replace a part's declared uncompressed size (a lie). */
function writeZip(
  file: string,
  parts: readonly Part[],
  declare: (p: Part) => number = (p) => p.size,
): string {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(declare(p), 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(p.stored ? 0 : 8, 10);
    entry.writeUInt32LE(p.crc, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(declare(p), 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    chunks.push(local, name, p.data);
    offset += local.length + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...chunks, directory, end]));
  return file;
}

/** The parts every workbook needs, for `sheets` sheets. */
function skeleton(sheets: number): Part[] {
  const ids = Array.from({ length: sheets }, (_, i) => i + 1);
  return [
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${ids.map((i) => `<sheet name="Sheet${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}</Relationships>`,
    ),
  ];
}

const sheetXml = (dimension: string, rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`;

/** One value at XFD1048576 under a `<dimension ref="A1">` that claims otherwise: about 1 KB. */
export function farCellWorkbook(dir: string): string {
  return writeZip(path.join(dir, '2022年10月_市南区_far-cell.xlsx'), [
    ...skeleton(1),
    part(
      'xl/worksheets/sheet1.xml',
      sheetXml(
        'A1',
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
      ),
    ),
  ]);
}

/**
 * A deflate bomb of about 1 MB: one sheet of ~1 GB of whitespace, its size declared as 1 KB.
 * Built from one sync-flushed 10 MB block repeated, so writing it costs milliseconds.
 */
export function deflateBombWorkbook(dir: string): string {
  const block = deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 0x20), { finishFlush: constants.Z_SYNC_FLUSH });
  const head = deflateRawSync(
    Buffer.from(sheetXml('A1', '<row r="1"><c r="A1"><v>1</v></c></row>').slice(0, -30)),
    {
      finishFlush: constants.Z_SYNC_FLUSH,
    },
  );
  const data = Buffer.concat([
    head,
    ...Array.from({ length: 100 }, () => block),
    deflateRawSync(Buffer.alloc(0)),
  ]);
  return writeZip(path.join(dir, '2022年10月_市南区_bomb.xlsx'), [
    ...skeleton(1),
    { name: 'xl/worksheets/sheet1.xml', data, size: 1024, crc: 0 },
  ]);
}

/** A sheet with `count` real rows (1,000,000: a database dump pasted into the template). */
export function rowsWorkbook(dir: string, count: number): string {
  const rows: string[] = [];
  for (let r = 1; r <= count; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  return writeZip(path.join(dir, `2022年10月_市南区_${count}-rows.xlsx`), [
    ...skeleton(1),
    part('xl/worksheets/sheet1.xml', sheetXml('A1', rows.join(''))),
  ]);
}

/** A row of 301 cells without `r` addresses (positions follow one another). */
export function wideWorkbook(dir: string): string {
  return writeZip(path.join(dir, '2022年10月_市南区_wide.xlsx'), [
    ...skeleton(1),
    part('xl/worksheets/sheet1.xml', sheetXml('A1', `<row>${'<c><v>1</v></c>'.repeat(301)}</row>`)),
  ]);
}

/** 101 small sheets. */
export function manySheetsWorkbook(dir: string): string {
  return writeZip(path.join(dir, '2022年10月_市南区_sheets.xlsx'), [
    ...skeleton(101),
    ...Array.from({ length: 101 }, (_, i) => part(`xl/worksheets/sheet${i + 1}.xml`, sheetXml('A1', ''))),
  ]);
}

/** An honest directory declaring a compression ratio above 100 (20 MB of spaces in ~20 KB). */
export function highRatioWorkbook(dir: string): string {
  return writeZip(path.join(dir, '2022年10月_市南区_ratio.xlsx'), [
    ...skeleton(1),
    part('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024, 0x20)),
  ]);
}

/** 21 MB on disk (incompressible bytes). */
export function hugeFileWorkbook(dir: string): string {
  const noise = Buffer.alloc(21 * 1024 * 1024);
  for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((i * 2654435761) >>> 0, i);
  return writeZip(path.join(dir, '2022年10月_市南区_huge.xlsx'), [
    ...skeleton(1),
    { name: 'xl/media/image1.bin', data: noise, size: noise.length, crc: crc32(noise), stored: true },
  ]);
}

/** Not a zip at all. */
export function notAZipWorkbook(dir: string): string {
  const file = path.join(dir, '2022年10月_市南区_garbage.xlsx');
  writeFileSync(file, 'this is not a workbook\n'.repeat(100));
  return file;
}
