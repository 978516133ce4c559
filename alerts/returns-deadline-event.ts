/**
 * 催报 and 逾期: from the local date, the deadline day and the districts still missing for the month
 * that is due, the event to raise (if any). Pure: the caller reads the clock and the warehouse.
 */
import { addMonths, type Period } from '../core/period.ts';
import type { AlertDistrict, AlertEvent } from './alert-event.ts';

/** The month whose returns fall due in the month of `today` (`YYYY-MM-DD`): the month before. */
export function duePeriod(today: string): Period {
  return addMonths(today.slice(0, 7) as Period, -1);
}

/**
 * `returns_late` from the deadline day on, `returns_due` in the `reminderDays` before it, else null
 * (also when nothing is missing).
 *
 * @example
 * returnsDeadlineEvent({ today: '2022-11-03', deadlineDay: 5, reminderDays: 2,
 *   missing: [{ code: '370202', name: '市南区' }] })
 * // { kind: 'returns_due', period: '2022-10', deadline: '2022-11-05', daysLeft: 2, districts: [...] }
 */
export function returnsDeadlineEvent(options: {
  today: string;
  deadlineDay: number;
  reminderDays: number;
  missing: readonly AlertDistrict[];
}): AlertEvent | null {
  const { today, deadlineDay, reminderDays, missing } = options;
  if (missing.length === 0) return null;
  const period = duePeriod(today);
  const deadline = `${today.slice(0, 7)}-${String(deadlineDay).padStart(2, '0')}`;
  const daysLeft = deadlineDay - Number(today.slice(8, 10));
  if (daysLeft <= 0) return { kind: 'returns_late', period, deadline, districts: missing };
  if (daysLeft <= reminderDays)
    return { kind: 'returns_due', period, deadline, daysLeft, districts: missing };
  return null;
}
