/**
 * Query results as text: an aligned table (CJK characters count double width), CSV (RFC 4180,
 * with a BOM so Excel reads the Chinese correctly) or JSON.
 */

export type RowFormat = 'table' | 'csv' | 'json';
type Cell = unknown;

/** Render rows with the given column order. */
export function formatRows(
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
  format: RowFormat,
): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'csv':
      return (
        '\ufeff' +
        [columns, ...rows.map((r) => columns.map((c) => r[c]))]
          .map((r) => r.map(csvCell).join(','))
          .join('\r\n') +
        '\r\n'
      );
    case 'table':
      return table(columns, rows);
  }
}

function text(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvCell(value: Cell): string {
  const s = text(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}

function table(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const cells = rows.map((r) => columns.map((c) => text(r[c])));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!))));
  const numeric = columns.map(
    (_, i) => cells.length > 0 && cells.every((r) => r[i] === '' || /^-?\d+(\.\d+)?$/.test(r[i]!)),
  );
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(s));
    return numeric[i] ? fill + s : s + fill;
  };
  const line = (values: readonly string[]) => values.map(pad).join('  ').trimEnd();
  const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return out.join('\n') + '\n';
}
