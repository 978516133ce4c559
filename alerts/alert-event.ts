/**
 * What a person is told about (SPEC §10 "Alerts"): a closed union of events with their facts.
 * Events are data; `formatAlert` turns them into Chinese, and nothing here carries a national ID.
 */
import type { Period } from '../core/period.ts';

/** A district named in an alert: its code (for deduplication) and its Chinese name. */
export interface AlertDistrict {
  readonly code: string;
  readonly name: string;
}

export type AlertEvent =
  /** The run failed: nothing new was published, or a step after the publish failed. */
  | { readonly kind: 'run_failed'; readonly runId: string | null; readonly reason: string }
  /** Files the run rejected, each with the first reason (Chinese, IDs masked). */
  | {
      readonly kind: 'files_rejected';
      readonly files: readonly { readonly name: string; readonly reason: string }[];
    }
  /** 催报: the deadline for `period`'s returns is `daysLeft` days away and these have not reported. */
  | {
      readonly kind: 'returns_due';
      readonly period: Period;
      readonly deadline: string;
      readonly daysLeft: number;
      readonly districts: readonly AlertDistrict[];
    }
  /** The deadline for `period`'s returns has passed and these have not reported. */
  | {
      readonly kind: 'returns_late';
      readonly period: Period;
      readonly deadline: string;
      readonly districts: readonly AlertDistrict[];
    }
  /** The last completed run (local `YYYY-MM-DD HH:MM`) is older than `limitHours`. */
  | {
      readonly kind: 'warehouse_stale';
      readonly lastCompleted: string;
      readonly hours: number;
      readonly limitHours: number;
    }
  /** The month's bulletin was written. */
  | {
      readonly kind: 'bulletin_written';
      readonly period: Period;
      readonly title: string;
      readonly files: readonly string[];
      /** A digest of the bulletin's content: a rewrite with the same content is not news. */
      readonly digest: string;
    }
  /** `kpi alerts test`. */
  | { readonly kind: 'test'; readonly at: string };

/** An alert ready to send: a subject line and a short body, both Chinese. */
export interface AlertMessage {
  readonly kind: AlertEvent['kind'];
  readonly title: string;
  readonly text: string;
}
