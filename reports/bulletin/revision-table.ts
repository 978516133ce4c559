/** 上期通报以来修订的数据: earlier months' figures changed since the previous issue (SPEC §8). Pure. */
import { formatQuantity } from '../../figures/format-number.ts';
import type { ReportData } from '../report-data.ts';
import type { TextTable } from './bulletin.ts';

const MEASURE_LABEL = { ytd: '累计', month: '当月', level: '期末' } as const;

/** The revisions of `data` as a table, quantities with their units. */
export function revisionTable(data: ReportData): TextTable {
  const region = (code: string) =>
    code === data.city.code
      ? data.city.nameZh
      : (data.districts.find((d) => d.code === code)?.nameZh ?? code);
  return {
    header: ['月份', '区市', '指标', '口径', '原数据', '修订后', '修订时间'],
    rows: data.revisions.map((r) => {
      const i = data.indicators.find((x) => x.code === r.indicatorCode);
      const quantity = (v: typeof r.previous) =>
        i ? formatQuantity(v, i.unit, i.displayUnit, 2) : v.toString();
      return [
        { text: r.period },
        { text: region(r.regionCode) },
        { text: i?.nameZh ?? r.indicatorCode },
        { text: MEASURE_LABEL[r.measure] },
        { text: quantity(r.previous) },
        { text: quantity(r.revised) },
        { text: r.revisedAt },
      ];
    }),
    marked: data.revisions.map(() => false),
    markColumns: [],
    note: null,
  };
}
