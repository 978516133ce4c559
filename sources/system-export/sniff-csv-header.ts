/**
 * The header of a UTF-8 CSV, read by us rather than by DuckDB's sniffer (whose errors are English
 * and name temp paths): its delimiter — a tab (Excel's "Unicode text") or a comma, whichever the
 * header line holds more of outside quotes — and its column names.
 */
import { open } from 'node:fs/promises';

/** A header line longer than this is not a header: the file is refused before more is read. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Most columns a header may name. */
export const MAX_HEADER_COLUMNS = 1000;

/** The delimiter and the column names (trimmed, a UTF-8 BOM dropped) of a CSV's first record. */
export interface CsvHeader {
  readonly delimiter: ',' | '\t';
  readonly columns: readonly string[];
}

/**
 * Read the header of the UTF-8 file at `file`; null when it has no complete header line in its
 * first 64 KiB, or more than a thousand columns.
 */
export async function sniffCsvHeader(file: string): Promise<CsvHeader | null> {
  const handle = await open(file, 'r');
  let text: string;
  let whole: boolean;
  try {
    const head = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    whole = bytesRead < head.length;
    text = new TextDecoder('utf-8').decode(head.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
  const line = firstRecord(text.replace(/^\ufeff/, ''), whole);
  if (line === null) return null;
  const count = (d: string) => splitRecord(line, d).length;
  const delimiter = count('\t') > count(',') ? '\t' : ',';
  const columns = splitRecord(line, delimiter).map((c) => c.trim());
  // A header of thousands of columns is no export's: DuckDB would be handed them all.
  return columns.length > MAX_HEADER_COLUMNS ? null : { delimiter, columns };
}

/**
 * The first record of `text` (a line, or several inside quotes); null when it does not end —
 * unless `text` is the `whole` file, which may be only a header with no line break after it.
 */
function firstRecord(text: string, whole: boolean): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) return text.slice(0, text[i - 1] === '\r' ? i - 1 : i);
  }
  return quoted || !whole || text.length === 0 ? null : text;
}

/** Fields of one record split on `delimiter`, quotes removed and doubled quotes undoubled. */
function splitRecord(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
