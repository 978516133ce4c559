/**
 * Writes the bulletin of the month that is ready (see `chooseReportPeriod`) from the published
 * warehouse, opened read-only, with the month's 审核 report the bulletin cites; logs why when no
 * month is ready. Used by `kpi run` and the scheduler.
 */
import { existsSync } from 'node:fs';
import { writeBulletinAndAudit } from '../reports/write-report.ts';
import { withPublishedWarehouse } from '../warehouse/open-published-warehouse.ts';
import { chooseReportPeriod } from './choose-report-period.ts';
import type { Config } from '../core/config.ts';
import type { RunLog } from './run-log.ts';

/** Resolves to the files written (none when no month is ready). */
export async function writeReadyBulletin(options: {
  config: Config;
  log: RunLog;
  now: Date;
}): Promise<string[]> {
  const { config, log } = options;
  if (!existsSync(config.db)) {
    log.emit({ event: 'report_skipped', period: null, reason: `no warehouse at ${config.db} yet` });
    return [];
  }
  return withPublishedWarehouse(config.db, { timezone: config.timezone }, async (connection) => {
    const decision = await chooseReportPeriod(connection, {
      now: options.now,
      deadlineDay: config.deadline_day,
      timezone: config.timezone,
    });
    if (!decision.write) {
      log.emit({ event: 'report_skipped', period: decision.period, reason: decision.reason });
      return [];
    }
    const files = await writeBulletinAndAudit(connection, {
      period: decision.period,
      formats: ['md', 'html', 'xlsx', 'docx'],
      outDir: config.reports,
      deadlineDay: config.deadline_day,
      timezone: config.timezone,
      settings: {
        issuer: config.bulletin.issuer,
        issueNumber: config.bulletin.issue_number,
        issueDay: config.bulletin.issue_day,
        balanceRounding: config.bulletin.balance_rounding,
      },
      textDir: config.bulletin.text_dir,
      log: (text) => log.emit({ event: 'message', text }),
    });
    log.emit({ event: 'report', period: decision.period, files });
    return files;
  });
}
