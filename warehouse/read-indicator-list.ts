/** The indicator catalogue as the board lists it: every indicator with its category, in catalogue order. */
import type { RowReader } from './row-reader.ts';

/** One indicator of the list. */
export interface IndicatorListItem {
  readonly code: string;
  readonly nameZh: string;
  readonly category: string;
  readonly displayUnit: string;
}

/** Every indicator of the published warehouse. */
export async function readIndicatorList(reader: RowReader): Promise<IndicatorListItem[]> {
  const rows = await reader.rows<{
    indicator_code: string;
    name_zh: string;
    category: string;
    display_unit: string;
  }>(`SELECT indicator_code, name_zh, category, display_unit FROM indicator`);
  return rows.map((r) => ({
    code: r.indicator_code,
    nameZh: r.name_zh,
    category: r.category,
    displayUnit: r.display_unit,
  }));
}
