/**
 * An indicator as the board's progress pages (完成进度, an indicator's page) show it, and the one
 * select list that reads it from the `indicator` view.
 */

/** An indicator of the progress grid or of an indicator's page. */
export interface ProgressIndicator {
  readonly code: string;
  readonly nameZh: string;
  readonly category: string;
  readonly kind: string;
  readonly unit: string;
  readonly displayUnit: string;
  readonly direction: string;
}

/** The columns of a `ProgressIndicator`, read from the `indicator` view aliased `i`. */
export const PROGRESS_INDICATOR_COLUMNS = `i.indicator_code AS code, i.name_zh AS "nameZh", i.category, i.kind, i.unit,
  i.display_unit AS "displayUnit", i.direction`;
