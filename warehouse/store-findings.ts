/**
 * Writes findings to the `finding` table (bulk, through the Appender), so checks are data the
 * `quality_finding` view shows. The message stored is the one formatter's Chinese text.
 * Info findings (a helper sheet skipped) are told in the file's outcome only: nothing to check.
 * Call inside the transaction that records the file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Finding } from '../core/finding.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';
import { findingMessage, formatLocation } from '../core/format-finding.ts';
import { firstDay } from '../core/period.ts';
import { toDuckDate, toDuckTimestamp } from './duck-values.ts';

/** Append `findings` for the file with `fileHash` (null: a data check), found during run `runId`. */
export async function storeFindings(
  connection: DuckDBConnection,
  findings: readonly Finding[],
  context: { readonly runId: string; readonly fileHash: string | null; readonly foundAt: Date },
): Promise<void> {
  findings = findings.filter((f) => f.severity !== 'info');
  if (findings.length === 0) return;
  const appender = await connection.createAppender('finding');
  try {
    const foundAt = toDuckTimestamp(context.foundAt);
    const text = (value: string | null | undefined) =>
      value === null || value === undefined ? appender.appendNull() : appender.appendVarchar(value);
    for (const f of findings) {
      text(context.runId);
      text(f.severity);
      text(f.code);
      text(f.regionCode);
      if (f.period) appender.appendDate(toDuckDate(firstDay(f.period)));
      else appender.appendNull();
      text(f.indicatorCode);
      text(context.fileHash);
      text(formatLocation(f.location));
      const message = findingMessage(f);
      text(f.input ? `${message} [${maskNationalIds(f.input)}]` : message);
      appender.appendTimestampTZ(foundAt);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
