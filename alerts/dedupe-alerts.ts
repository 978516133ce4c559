/**
 * Which events are news: a reminder or a late notice names only the districts not yet announced
 * for that month (every night again with `repeatLate`), a stale warehouse is announced once per
 * last completed run, a bulletin once per content. Failures and rejections are always news.
 */
import type { AlertEvent } from './alert-event.ts';
import type { AlertLedger } from './alert-ledger.ts';

/** An event to send and the ledger keys that record it once sent. */
export interface NewAlert {
  readonly event: AlertEvent;
  readonly keys: readonly string[];
}

/** The events of `events` not yet in `ledger`, trimmed to their new districts. */
export function dedupeAlerts(
  events: readonly AlertEvent[],
  ledger: AlertLedger,
  options: { today: string; repeatLate: boolean },
): NewAlert[] {
  const news: NewAlert[] = [];
  for (const event of events) {
    switch (event.kind) {
      case 'returns_due':
      case 'returns_late': {
        const prefix = event.kind === 'returns_due' ? 'due' : 'late';
        const suffix = event.kind === 'returns_late' && options.repeatLate ? `:${options.today}` : '';
        const fresh = event.districts.filter(
          (d) => !(`${prefix}:${event.period}:${d.code}${suffix}` in ledger),
        );
        if (fresh.length > 0)
          news.push({
            event: { ...event, districts: fresh },
            keys: fresh.map((d) => `${prefix}:${event.period}:${d.code}${suffix}`),
          });
        break;
      }
      case 'warehouse_stale': {
        const key = `stale:${event.lastCompleted}`;
        if (!(key in ledger)) news.push({ event, keys: [key] });
        break;
      }
      case 'bulletin_written': {
        const key = `bulletin:${event.period}:${event.digest}`;
        if (!(key in ledger)) news.push({ event, keys: [key] });
        break;
      }
      default:
        news.push({ event, keys: [] });
    }
  }
  return news;
}
