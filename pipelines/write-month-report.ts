/** `kpi report --period`: the bulletin (or the 审核 report) of one month from the published warehouse. */
import type { Config } from '../core/config.ts';
import type { ReportFormat, ReportKind } from '../core/output-formats.ts';
import type { Period } from '../core/period.ts';
import { writeReport } from '../reports/write-report.ts';
import { readPublished } from './read-published.ts';

/** Write the report of `period` in each format into `outDir`; resolves to the files written. */
export async function writeMonthReport(
  config: Pick<Config, 'db' | 'deadline_day' | 'timezone' | 'bulletin'>,
  options: {
    readonly period: Period;
    readonly kind?: ReportKind;
    readonly formats: readonly ReportFormat[];
    readonly outDir: string;
    readonly asOf?: Date;
    /** Notes for the run log (a month without the statistician's text). */
    readonly log?: (line: string) => void;
  },
): Promise<string[]> {
  const b = config.bulletin;
  return readPublished(config.db, (connection) =>
    writeReport(connection, {
      ...options,
      deadlineDay: config.deadline_day,
      timezone: config.timezone,
      settings: {
        issuer: b.issuer,
        issueNumber: b.issue_number,
        issueDay: b.issue_day,
        balanceRounding: b.balance_rounding,
      },
      textDir: b.text_dir,
    }),
  );
}
