/**
 * What a file is, decided by its first bytes and never by its extension: a zip (an .xlsx, whatever
 * it is named), an OpenDocument spreadsheet (.ods: a zip whose first entry names its type), an OLE
 * compound file (.xls, .et), Parquet, Arrow IPC, or anything else as text.
 */
import { open } from 'node:fs/promises';

/** The kinds of file the sources tell apart by their magic bytes. */
export type FileKind = 'zip' | 'ods' | 'ole' | 'parquet' | 'arrow' | 'text';

const MAGIC: readonly (readonly [FileKind, readonly number[]])[] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  // An empty zip archive is only its end record: still a zip, so the workbook reader says why.
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['parquet', [0x50, 0x41, 0x52, 0x31]], // PAR1
  ['arrow', [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]], // ARROW1
];

/** An OpenDocument file stores `mimetype` first, uncompressed: its type sits at byte 38. */
const ODS_TYPE = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';

/** The kind of the file at `path`, from at most its first 92 bytes. */
export async function sniffFileKind(path: string): Promise<FileKind> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(30 + ODS_TYPE.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const found = MAGIC.find(
      ([, magic]) => bytesRead >= magic.length && magic.every((b, i) => head[i] === b),
    );
    if (found?.[0] === 'zip' && head.subarray(30, bytesRead).toString('latin1') === ODS_TYPE) return 'ods';
    return found ? found[0] : 'text';
  } finally {
    await handle.close();
  }
}
