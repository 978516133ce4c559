/**
 * Whether a staged person was counted before: the condition a source's staging uses to tell a new
 * person from one an earlier file already counted in the same year, against `person_seen`. Kept
 * here so a staging query names no warehouse table itself.
 */

/**
 * A condition true when the person of row alias `row` (with `person_hash`, `year`, `first_date`)
 * was not counted for the indicator bound as `$<indicatorParameter>` at that date or before.
 *
 * @example
 * `SELECT count(*) FROM staged p WHERE ${notSeenBeforeSql('p', 'indicator')}`
 */
export function notSeenBeforeSql(row: string, indicatorParameter: string): string {
  return `NOT EXISTS (SELECT 1 FROM person_seen s WHERE s.indicator_code = $${indicatorParameter}
    AND s.year = ${row}.year AND s.person_hash = ${row}.person_hash AND s.first_date <= ${row}.first_date)`;
}
