/**
 * After a run: tell a person what they need to know (SPEC §10 "Alerts") — the run failed, files were
 * rejected, returns are due or late, the warehouse is stale, the bulletin was written. Never throws
 * and never holds the run beyond the alert budget; each channel's answer is logged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { alertChannels } from '../alerts/alert-channel.ts';
import type { AlertEvent } from '../alerts/alert-event.ts';
import { alertLedgerPath, readAlertLedger, writeAlertLedger } from '../alerts/alert-ledger.ts';
import { dedupeAlerts } from '../alerts/dedupe-alerts.ts';
import { deliverAlert } from '../alerts/deliver-alert.ts';
import { formatAlert } from '../alerts/format-alert.ts';
import { duePeriod, returnsDeadlineEvent } from '../alerts/returns-deadline-event.ts';
import type { Config } from '../core/config.ts';
import { describeFailure } from '../core/describe-failure.ts';
import type { FileOutcome } from '../core/file-outcome.ts';
import type { Period } from '../core/period.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { readLastCompletedRun } from '../warehouse/read-last-completed-run.ts';
import { readMissingReturns } from '../warehouse/read-missing-returns.ts';
import { localDate } from './choose-report-period.ts';
import type { RunLog } from './run-log.ts';

/** What the run ended with: its result, or the failure that stopped it before it had one. */
export type RunEnding =
  | {
      readonly runId: string;
      readonly status: 'completed' | 'failed';
      readonly outcomes: readonly FileOutcome[];
      readonly reports: readonly string[];
      readonly error?: string;
    }
  | { readonly thrown: unknown };

/** Raise the alerts of a run that ended with `ending`; resolves when every channel answered or the budget ran out. */
export async function raiseRunAlerts(options: {
  config: Config;
  ending: RunEnding;
  log: RunLog;
  now: () => Date;
  fetch?: typeof fetch;
}): Promise<void> {
  const { config, log, now } = options;
  const channels = alertChannels(config.alerts);
  if (channels.length === 0) return;
  try {
    const today = localDate(now(), config.timezone);
    const events = [...runEvents(options.ending), ...(await warehouseEvents(config, now(), today))];
    const ledgerFile = alertLedgerPath(config.db);
    const ledger = readAlertLedger(ledgerFile);
    const news = dedupeAlerts(events, ledger, { today, repeatLate: config.alerts.repeat_late });
    const sentKeys: string[] = [];
    const started = performance.now();
    for (const { event, keys } of news) {
      const budgetMs = config.alerts.timeout_s * 1000 - (performance.now() - started);
      const message = formatAlert(event);
      // The wall clock, not the run's: 钉钉 refuses a signature whose timestamp is an hour off.
      const results = await deliverAlert(message, channels, {
        fetch: options.fetch ?? fetch,
        now: () => new Date(),
        budgetMs: Math.max(budgetMs, 0),
      });
      for (const result of results) log.emit({ event: 'alert', kind: event.kind, ...result });
      // Recorded once any channel took it; when none did, the next run tries again.
      if (results.some((r) => r.ok)) sentKeys.push(...keys);
    }
    if (sentKeys.length > 0) writeAlertLedger(ledgerFile, ledger, sentKeys, now());
  } catch (error) {
    // An alert that cannot even be prepared must not fail the run it reports on.
    log.emit({ event: 'message', text: `告警未能发送：${describeFailure(error)}` });
  }
}

/** The run's own events: its failure, its rejected files, its bulletin. */
function runEvents(ending: RunEnding): AlertEvent[] {
  if ('thrown' in ending)
    return [{ kind: 'run_failed', runId: null, reason: describeFailure(ending.thrown) }];
  const events: AlertEvent[] = [];
  if (ending.status === 'failed')
    events.push({ kind: 'run_failed', runId: ending.runId, reason: describeFailure(ending.error ?? '') });
  const rejected = ending.outcomes.filter((o) => o.status === 'rejected');
  if (rejected.length > 0)
    events.push({
      kind: 'files_rejected',
      files: rejected.map((o) => ({
        name: path.basename(o.file),
        reason: o.errors[0]?.message ?? '未说明原因',
      })),
    });
  const bulletin = ending.reports.find((f) => /bulletin-\d{4}-\d{2}\.md$/.test(f));
  if (bulletin) {
    const markdown = readFileSync(bulletin, 'utf8');
    events.push({
      kind: 'bulletin_written',
      period: /bulletin-(\d{4}-\d{2})\.md$/.exec(bulletin)![1] as Period,
      title: /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? path.basename(bulletin),
      files: ending.reports.filter((f) => /bulletin-\d{4}-\d{2}\.(md|docx)$/.test(f)),
      digest: createHash('sha256').update(markdown).digest('hex').slice(0, 16),
    });
  }
  return events;
}

/** From the published warehouse: returns due or late, and whether it is stale. None when it cannot be read. */
async function warehouseEvents(config: Config, now: Date, today: string): Promise<AlertEvent[]> {
  if (!existsSync(config.db)) return [];
  try {
    return await withWarehouse(config.db, { readOnly: true }, async ({ connection }) => {
      const events: AlertEvent[] = [];
      const deadline = returnsDeadlineEvent({
        today,
        deadlineDay: config.deadline_day,
        reminderDays: config.alerts.reminder_days,
        missing: await readMissingReturns(connection, duePeriod(today)),
      });
      if (deadline) events.push(deadline);
      const last = await readLastCompletedRun(connection, 'run');
      const hours = last ? (now.getTime() - last.getTime()) / 3_600_000 : 0;
      if (last && hours > config.alerts.stale_hours)
        events.push({
          kind: 'warehouse_stale',
          lastCompleted: `${localDate(last, config.timezone)} ${localTime(last, config.timezone)}`,
          hours,
          limitHours: config.alerts.stale_hours,
        });
      return events;
    });
  } catch {
    // A warehouse that cannot be opened is the run's failure, already announced as such.
    return [];
  }
}

function localTime(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(instant);
}
