/**
 * What a format reader hands the staging: the file's rows as one SQL relation (every column as
 * text, in the file's order), and what the reader skipped or refused on the way, for the accounting.
 */
import type { ExportFormat } from '../../core/finding.ts';

/** Rows a reader kept aside: lines of only delimiters (no row), and rows it could not split. */
export interface RefusedRows {
  readonly blank: number;
  readonly malformedCount: number;
  /** Up to five of them: the file's line, and the fields found there (null: cannot be split). */
  readonly malformed: readonly { readonly row: number; readonly found: number | null }[];
  /** Fields the header has. */
  readonly expected: number | null;
}

/** No row refused. */
export const NONE_REFUSED: RefusedRows = { blank: 0, malformedCount: 0, malformed: [], expected: null };

/** An export file as a relation. */
export interface ExportSource {
  readonly format: ExportFormat;
  /** SQL for the rows: a table function or a temporary table. */
  readonly relation: string;
  /** Blank lines, which the reader skipped: not reported. */
  readonly blankLines: number;
  /** The first line too long to be read (DuckDB would drop it silently): the file is refused. */
  readonly tooLongLine: number | null;
  /** After the relation was read: the rows it refused. */
  refusedRows(): Promise<RefusedRows>;
}
