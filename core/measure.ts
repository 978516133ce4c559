/**
 * Which figure of an indicator a value is (SPEC §3): the year-to-date total, the month's own
 * figure, or a level at month end (stocks, ratios, rates).
 */

/** year-to-date, the month's own, or the level at month end. */
export type Measure = 'ytd' | 'month' | 'level';
