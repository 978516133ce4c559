/**
 * A file's kind from its first bytes, not its name: a zip container (.xlsx, .ods, …) or an OLE
 * compound file (.xls, WPS .et, old .doc). Districts rename files; an .xlsx may be an .xls inside.
 */
import { open } from 'node:fs/promises';

/** What a file's bytes say it is. */
export type FileKind = 'zip' | 'ole' | 'other';

const ZIP = Buffer.from([0x50, 0x4b]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * The kind of the file at `filePath`, from its first eight bytes.
 *
 * @example
 * if ((await sniffFileKind('市南区2022年10月.xlsx')) === 'ole') convert(); // an .xls renamed
 */
export async function sniffFileKind(filePath: string): Promise<FileKind> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    // PK\3\4 (a local header) or PK\5\6 (an empty archive's end record).
    if (bytesRead >= 4 && head.subarray(0, 2).equals(ZIP) && (head[2] === 3 || head[2] === 5)) return 'zip';
    if (bytesRead === 8 && head.equals(OLE)) return 'ole';
    return 'other';
  } finally {
    await handle.close();
  }
}
