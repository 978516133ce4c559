/**
 * One cell of 报送情况: the district's status for the month, every return file received for it
 * (with when it arrived and what became of it), and the reasons each file was rejected or flagged
 * (file → sheet → cell), read from the `finding` history by the files' content hashes.
 */
import type { BoardReader } from './open-published-warehouse.ts';

/** A return file received for the district and month. */
export interface ReceivedFile {
  readonly fileName: string;
  /** loaded · revised · superseded · rejected. */
  readonly status: string;
  /** `YYYY-MM-DD HH:MM`, Asia/Shanghai. */
  readonly receivedAt: string;
  readonly fileHash: string;
}

/** A finding about one of those files. */
export interface FileReason {
  readonly fileHash: string;
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
  /** `file → sheet → cell`, as recorded. */
  readonly location: string | null;
  readonly indicatorName: string | null;
}

/** Everything the detail page of one district and month shows. */
export interface SubmissionDetail {
  readonly regionCode: string;
  readonly regionName: string;
  /** `YYYY-MM` */
  readonly month: string;
  readonly status: string;
  /** `YYYY-MM-DD` */
  readonly deadline: string;
  readonly receivedAt: string | null;
  readonly revisedAt: string | null;
  readonly files: readonly ReceivedFile[];
  readonly reasons: readonly FileReason[];
}

/** The detail of `regionCode` in `month` (`YYYY-MM`), or null when the view has no such cell. */
export async function loadSubmissionDetail(
  reader: BoardReader,
  regionCode: string,
  month: string,
): Promise<SubmissionDetail | null> {
  const period = `${month}-01`;
  const [cell] = await reader.rows<{
    name_zh: string;
    status: string;
    deadline: string;
    received_at: string | null;
    revised_at: string | null;
  }>(
    `SELECT r.name_zh, s.status, strftime(s.deadline, '%Y-%m-%d') AS deadline,
       strftime(s.received_at, '%Y-%m-%d %H:%M') AS received_at,
       strftime(s.revised_at, '%Y-%m-%d %H:%M') AS revised_at
     FROM submission s JOIN region r USING (region_code)
     WHERE s.region_code = $1 AND s.period = CAST($2 AS DATE)`,
    [regionCode, period],
  );
  if (!cell) return null;
  const files = await reader.rows<{
    source_file: string;
    status: string;
    received_at: string;
    file_hash: string;
  }>(
    `SELECT source_file, status, strftime(received_at, '%Y-%m-%d %H:%M') AS received_at, file_hash
     FROM submission_file WHERE region_code = $1 AND period = CAST($2 AS DATE)
     ORDER BY received_at, source_file`,
    [regionCode, period],
  );
  const reasons = await reader.rows<{
    file_hash: string;
    severity: string;
    rule: string;
    message: string;
    location: string | null;
    name_zh: string | null;
  }>(
    `SELECT DISTINCT f.file_hash, f.severity, f.rule, f.message, f.location, i.name_zh
     FROM finding f LEFT JOIN indicator i USING (indicator_code)
     WHERE f.file_hash IN (
       SELECT file_hash FROM submission_file WHERE region_code = $1 AND period = CAST($2 AS DATE))
     ORDER BY f.file_hash, f.severity, f.location, f.rule`,
    [regionCode, period],
  );
  return {
    regionCode,
    regionName: cell.name_zh,
    month,
    status: cell.status,
    deadline: cell.deadline,
    receivedAt: cell.received_at,
    revisedAt: cell.revised_at,
    files: files.map((f) => ({
      fileName: f.source_file,
      status: f.status,
      receivedAt: f.received_at,
      fileHash: f.file_hash,
    })),
    reasons: reasons.map((r) => ({
      fileHash: r.file_hash,
      severity: r.severity,
      rule: r.rule,
      message: r.message,
      location: r.location,
      indicatorName: r.name_zh,
    })),
  };
}
