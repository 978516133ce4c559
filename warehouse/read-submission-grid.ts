/**
 * 报送情况: the `submission` view as a grid of districts × months, each cell a status
 * (on_time · late · revised · rejected · missing · pending) with the file it refers to.
 */
import type { Period } from '../core/period.ts';
import type { RowReader } from './row-reader.ts';

/** One district and month of the `submission` view. */
export interface SubmissionCell {
  readonly regionCode: string;
  /** `YYYY-MM` */
  readonly month: Period;
  readonly status: string;
  readonly sourceFile: string | null;
  /** `YYYY-MM-DD HH:MM`, in the configured time zone, of the first accepted return. */
  readonly receivedAt: string | null;
}

/** The grid: districts (rows) and months (columns) in order, and every cell. */
export interface SubmissionGrid {
  readonly regions: ReadonlyArray<{ readonly code: string; readonly nameZh: string }>;
  readonly months: readonly Period[];
  readonly cells: readonly SubmissionCell[];
}

/** Read the whole `submission` view with the district names. */
export async function readSubmissionGrid(reader: RowReader): Promise<SubmissionGrid> {
  const rows = await reader.rows<{
    region_code: string;
    name_zh: string;
    month: Period;
    status: string;
    source_file: string | null;
    received_at: string | null;
  }>(
    `SELECT s.region_code, r.name_zh, strftime(s.period, '%Y-%m') AS month, s.status, s.source_file,
       strftime(s.received_at, '%Y-%m-%d %H:%M') AS received_at
     FROM submission s JOIN region r USING (region_code)
     ORDER BY s.region_code, s.period`,
  );
  const regions = new Map<string, string>();
  const months = new Set<Period>();
  for (const row of rows) {
    regions.set(row.region_code, row.name_zh);
    months.add(row.month);
  }
  return {
    regions: [...regions].map(([code, nameZh]) => ({ code, nameZh })),
    months: [...months].sort(),
    cells: rows.map((row) => ({
      regionCode: row.region_code,
      month: row.month,
      status: row.status,
      sourceFile: row.source_file,
      receivedAt: row.received_at,
    })),
  };
}
