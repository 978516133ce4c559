/**
 * 报送情况 (public, SPEC §10): `submission`, one row per district and month with its status against
 * the deadline in the deployment's time zone, and `submission_file`, every return received.
 */
import { DEFAULT_TIMEZONE } from '../core/config.ts';
import { quoteLiteral } from './sql.ts';
import type { ViewDefinition } from './view-definition.ts';

export const SUBMISSION_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'submission',
    isPublic: true,
    comment: `Submission tracking: one row per district and month, from the first month any return was received through the latest; due on the deadline day (setting deadline_day, default 5) of the following month, ${DEFAULT_TIMEZONE}.`,
    columns: {
      region_code: 'District expected to report.',
      period: 'Report month, as the first day of the month.',
      source_file: 'Name of the latest accepted return (or of the rejected one when none was accepted).',
      status:
        'on_time · late · revised (a later return replaced earlier values; section files that replace nothing do not count) · rejected (only rejected returns) · missing (nothing accepted and past the deadline) · pending (not yet due).',
      received_at: 'When the first accepted return arrived (null if none).',
      deadline: 'Due date: the deadline day of the following month.',
      due_at:
        'Instant the return is late from (the day after the deadline, 00:00 in the deployment timezone).',
      on_time: 'The first accepted return arrived by the deadline (null if none arrived).',
      overdue: 'The deadline has passed.',
      revised_at: 'When the latest resubmission arrived, for revised returns.',
      returns_loaded: 'Accepted returns (distinct files) for the district and month.',
      returns_rejected: 'Rejected returns (distinct files).',
      file_hash: 'SHA-256 of the latest accepted (else rejected) return.',
    },
    sql: `SELECT * FROM submission_as_of(current_timestamp, CAST(setting_value('deadline_day', '5') AS INTEGER), NULL,
            setting_value('timezone', ${quoteLiteral(DEFAULT_TIMEZONE)}))`,
  },
  {
    name: 'submission_file',
    isPublic: false,
    comment: 'Every district return received: one row per file, with what became of it.',
    columns: {
      region_code: 'Region the return is for.',
      period: 'Report month, as the first day of the month.',
      source_file: 'File name as received.',
      status:
        'loaded · revised (replaced an earlier return) · superseded (replaced by a later one) · rejected.',
      received_at: 'When the file was loaded.',
      file_hash: 'SHA-256 of the file content.',
    },
    sql: `SELECT region_code, period, file_name AS source_file,
            CASE WHEN superseded_at IS NOT NULL THEN 'superseded' ELSE status END AS status,
            received_at, file_hash
          FROM source_file WHERE source_kind = 'return'`,
  },
];
