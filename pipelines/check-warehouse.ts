/**
 * `kpi check`: run the data checks as a write of their own (run lock, working copy, publish), so
 * their findings become the current ones, and return them with the list people read.
 */
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../core/config.ts';
import type { Period } from '../core/period.ts';
import { runChecks, type CheckResult } from '../transforms/run-checks.ts';
import { readCurrentFindings, type CurrentFinding } from '../warehouse/read-current-findings.ts';
import { createMemoryLog } from './run-log.ts';
import { writeWarehouse } from './write-warehouse.ts';

/** Run every check (of `period` only, when given) and publish; resolves to the results and current findings. */
export async function checkWarehouse(options: {
  readonly config: Pick<Config, 'db' | 'deadline_day' | 'timezone' | 'tolerances'>;
  readonly catalogue: Catalogue;
  readonly period: Period | null;
  readonly now?: Date;
}): Promise<{ results: CheckResult[]; findings: CurrentFinding[] }> {
  const now = options.now ?? new Date();
  return writeWarehouse(
    {
      db: options.config.db,
      timezone: options.config.timezone,
      command: 'check',
      catalogue: options.catalogue,
      log: createMemoryLog(),
      now: () => now,
    },
    async ({ connection }) => {
      const results = await runChecks(connection, {
        runId: `check-${now.toISOString()}`,
        now,
        config: options.config,
        period: options.period ?? undefined,
      });
      return { results, findings: await readCurrentFindings(connection, options.period) };
    },
  );
}
