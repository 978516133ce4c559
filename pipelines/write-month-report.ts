/** `kpi report --period`: the bulletin of one month from the published warehouse. */
import type { Config } from '../core/config.ts';
import type { ReportFormat } from '../core/output-formats.ts';
import type { Period } from '../core/period.ts';
import { writeReport } from '../reports/write-report.ts';
import { readPublished } from './read-published.ts';

/** Write the bulletin of `period` in each format into `outDir`; resolves to the files written. */
export async function writeMonthReport(
  config: Pick<Config, 'db' | 'deadline_day' | 'timezone'>,
  options: {
    readonly period: Period;
    readonly formats: readonly ReportFormat[];
    readonly outDir: string;
    readonly asOf?: Date;
  },
): Promise<string[]> {
  return readPublished(config.db, (connection) =>
    writeReport(connection, {
      ...options,
      deadlineDay: config.deadline_day,
      timezone: config.timezone,
    }),
  );
}
