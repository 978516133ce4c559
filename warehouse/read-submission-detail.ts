/**
 * One cell of 报送情况: the district's status for the month, every return file received for it
 * (with when it arrived and what became of it), and the reasons each file was rejected or flagged
 * (file → sheet → cell), read from the `finding` history by the files' content hashes, with the
 * current 审核 findings of the district and month (late return, jumps, return against export).
 */
import type { SubmissionCell } from './read-submission-grid.ts';
import type { Period } from '../core/period.ts';
import type { RowReader } from './row-reader.ts';

/** A return file received for the district and month. */
export interface ReceivedFile {
  readonly fileName: string;
  /** loaded · revised · superseded · rejected. */
  readonly status: string;
  /** `YYYY-MM-DD HH:MM`, in the configured time zone. */
  readonly receivedAt: string;
  readonly fileHash: string;
}

/** A finding about one of those files, or about the district's month. */
export interface FileReason {
  /** Null for a finding about the month rather than a file. */
  readonly fileHash: string | null;
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
  /** `file → sheet → cell`, as recorded. */
  readonly location: string | null;
  readonly indicatorName: string | null;
}

/** Everything the detail page of one district and month shows: its cell of 报送情况, and more. */
export interface SubmissionDetail extends SubmissionCell {
  readonly regionName: string;
  /** `YYYY-MM-DD` */
  readonly deadline: string;
  readonly revisedAt: string | null;
  readonly files: readonly ReceivedFile[];
  readonly reasons: readonly FileReason[];
}

/** The detail of `regionCode` in `month` (`YYYY-MM`), or null when the view has no such cell. */
export async function readSubmissionDetail(
  reader: RowReader,
  regionCode: string,
  month: Period,
): Promise<SubmissionDetail | null> {
  const period = `${month}-01`;
  const [cell] = await reader.rows<Omit<SubmissionDetail, 'files' | 'reasons'>>(
    `SELECT s.region_code AS "regionCode", strftime(s.period, '%Y-%m') AS month, s.status,
       s.source_file AS "sourceFile", strftime(s.received_at, '%Y-%m-%d %H:%M') AS "receivedAt",
       r.name_zh AS "regionName", strftime(s.deadline, '%Y-%m-%d') AS deadline,
       strftime(s.revised_at, '%Y-%m-%d %H:%M') AS "revisedAt"
     FROM submission s JOIN region r USING (region_code)
     WHERE s.region_code = $1 AND s.period = CAST($2 AS DATE)`,
    [regionCode, period],
  );
  if (!cell) return null;
  const files = await reader.rows<ReceivedFile>(
    `SELECT source_file AS "fileName", status, strftime(received_at, '%Y-%m-%d %H:%M') AS "receivedAt",
       file_hash AS "fileHash"
     FROM submission_file WHERE region_code = $1 AND period = CAST($2 AS DATE)
     ORDER BY "receivedAt", source_file`,
    [regionCode, period],
  );
  const reasons = await reader.rows<FileReason>(
    `SELECT DISTINCT f.file_hash AS "fileHash", f.severity, f.rule, f.message, f.location,
       i.name_zh AS "indicatorName"
     FROM (
       SELECT file_hash, severity, rule, message, location, indicator_code FROM finding
       WHERE file_hash IN (
         SELECT file_hash FROM submission_file WHERE region_code = $1 AND period = CAST($2 AS DATE))
       UNION
       SELECT file_hash, severity, rule, message, location, indicator_code FROM quality_finding
       WHERE origin = 'check' AND region_code = $1 AND period = CAST($2 AS DATE)) f
     LEFT JOIN indicator i USING (indicator_code)
     ORDER BY "fileHash" NULLS LAST, severity, location, rule`,
    [regionCode, period],
  );
  return { ...cell, files, reasons };
}
