/**
 * A run of the data checks, with its findings stored beside it: recording it in `check_run` makes
 * its findings the current ones of `quality_finding` (for its month, or for all months).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Finding } from '../core/finding.ts';
import { firstDay, type Period } from '../core/period.ts';
import { toDuckTimestamp } from './duck-values.ts';
import { storeFindings } from './store-findings.ts';

/** Store `findings` of check run `runId` and record the run (rules it ran, the month it covered). */
export async function recordCheckRun(
  connection: DuckDBConnection,
  run: {
    readonly runId: string;
    readonly period: Period | null;
    readonly ranAt: Date;
    readonly rules: readonly string[];
    readonly findings: readonly Finding[];
  },
): Promise<void> {
  await storeFindings(connection, run.findings, { runId: run.runId, fileHash: null, foundAt: run.ranAt });
  await connection.run(
    `INSERT OR REPLACE INTO check_run (run_id, period, ran_at, rules, findings)
     VALUES ($1, CAST($2 AS DATE), $3, string_split($4, ','), $5)`,
    [
      run.runId,
      run.period === null ? null : firstDay(run.period),
      toDuckTimestamp(run.ranAt),
      run.rules.join(','),
      run.findings.length,
    ],
  );
}
