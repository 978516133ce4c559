/**
 * `kpi report --period`: the bulletin (or the 审核 report) of one month from the published
 * warehouse. A month without data gets no report (it would cite figures and issues that do not
 * exist): `NoDataError`.
 */
import type { Config } from '../core/config.ts';
import type { ReportFormat, ReportKind } from '../core/output-formats.ts';
import type { Period } from '../core/period.ts';
import { writeReport } from '../reports/write-report.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';
import { readMonthHeld } from '../warehouse/read-month-held.ts';

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
  return withPublishedWarehouse(config.db, { timezone: config.timezone }, async (connection) => {
    if (!(await readMonthHeld(connection, options.period))) throw new NoDataError(options.period, config.db);
    return writeReport(connection, {
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
    });
  });
}

/** The warehouse holds nothing for the month asked. */
export class NoDataError extends Error {
  override name = 'NoDataError';
  constructor(
    readonly period: Period,
    readonly db: string,
  ) {
    super(
      `${period} 没有数据，未生成通报 (no data for ${period} in ${db}: nothing was loaded for that month, no bulletin written)`,
    );
  }
}
