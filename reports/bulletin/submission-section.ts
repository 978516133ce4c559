/**
 * 报表报送情况: who reported on time, late, rejected or not at all, and which city figures are sums of
 * fewer districts than the city has. Pure.
 */
import type { ReportData, SubmissionState } from '../report-data.ts';
import type { TextTable } from './bulletin.ts';

const STATE_LABEL: Record<SubmissionState, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  rejected: '被退回（未通过审核）',
  missing: '未报送',
};

/** The summary line, the partial roll-up note and the table of returns. */
export function submissionSection(
  data: ReportData,
  textCodes: readonly string[],
): { summary: string; rollupNote: string | null; table: TextTable } {
  const name = (code: string) => data.districts.find((d) => d.code === code)?.nameZh ?? code;
  const counts = (state: SubmissionState, label: string) => {
    const names = data.submissions.filter((x) => x.state === state).map((x) => name(x.regionCode));
    return names.length === 0
      ? []
      : [`${label}${names.length}个${state === 'on_time' ? '' : `（${names.join('、')}）`}`];
  };
  const summary =
    data.submissions.length === 0
      ? '无下辖区市。'
      : `应报${data.submissions.length}个区市，${[
          ...counts('on_time', '按时报送'),
          ...counts('late', '逾期报送'),
          ...counts('rejected', '报表被退回'),
          ...counts('missing', '未报送'),
        ].join('，')}。报送截止日为${data.deadline}。`;
  const partial = textCodes.flatMap((code) => {
    const o = data.observations.find((x) => x.indicatorCode === code && x.regionCode === data.city.code);
    const i = data.indicators.find((x) => x.code === code)!;
    return o?.origin === 'rolled_up' &&
      o.regionsReported !== null &&
      o.regionsReported < data.districts.length
      ? [`${i.nameZh}（${o.regionsReported}个）`]
      : [];
  });
  return {
    summary,
    rollupNote: partial.length
      ? `以下全市数据为已报区市合计，未含全部${data.districts.length}个区市：${partial.join('、')}。`
      : null,
    table: {
      header: ['区市', '报送情况', '报送时间', '文件'],
      rows: data.submissions.map((x) => [
        { text: name(x.regionCode) },
        { text: STATE_LABEL[x.state] },
        { text: x.receivedAt ?? '—' },
        { text: x.sourceFile ?? '—' },
      ]),
      marked: data.submissions.map((x) => x.state !== 'on_time'),
      markColumns: [1],
      note: null,
    },
  };
}
