/**
 * 报表报送情况: who reported on time, late, rejected or not at all, and which city figures are
 * withheld because fewer districts than the city has reported them (SPEC §2). Pure.
 */
import type { ReportData, SubmissionState } from '../report-data.ts';
import type { SubmissionSection } from './bulletin.ts';

const STATE_LABEL: Record<SubmissionState, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  rejected: '被退回（未通过审核）',
  missing: '未报送',
};

/** The summary line, the partial roll-up note and the table of returns. */
export function submissionSection(data: ReportData, textCodes: readonly string[]): SubmissionSection {
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
  // Indicators the text would speak of (or that have a city target) whose city figure is withheld.
  const partial = data.partialCity
    .filter(
      (p) => textCodes.includes(p.indicatorCode) || data.targetedIndicatorCodes.includes(p.indicatorCode),
    )
    .map(
      (p) =>
        `${data.indicators.find((i) => i.code === p.indicatorCode)!.nameZh}（已报${p.regionsReported}个）`,
    );
  return {
    summary,
    rollupNote: partial.length
      ? `以下指标的区市报表未报齐（应报${data.districts.length}个），暂不发布全市数据：${partial.join('、')}。`
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
