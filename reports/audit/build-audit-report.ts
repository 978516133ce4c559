/**
 * The month's 审核 report (SPEC §7, §9), for statisticians and districts: findings grouped by district,
 * in Chinese, each with its rule, indicator, place (file → sheet → cell) and what to check — ready to
 * send back. The bulletin only points to it. Pure.
 */
import { periodLabel } from '../../core/period.ts';
import type { TextTable } from '../bulletin/bulletin.ts';
import type { ReportData } from '../report-data.ts';
import type { AuditFinding } from '../../warehouse/read-audit-findings.ts';

/** Chinese names of the check rules; a rule not listed here is shown as 其他审核规则. */
export const RULE_NAMES: Readonly<Record<string, string>> = {
  unreadable_file: '文件无法读取',
  unknown_region: '填报单位无法识别',
  unknown_label: '指标名称无法识别',
  period_mismatch: '报告期与文件名不一致',
  non_numeric: '数值格式错误',
  non_numeric_value: '数值格式错误',
  negative_count: '计数为负',
  missing_columns: '缺少必要列',
  no_value_columns: '未找到数值列',
  duplicate_indicator: '指标重复填报',
  invalid_date: '日期格式错误',
  invalid_id_number: '身份证号码校验错误',
  id_number_mangled: '身份证号码被Excel改动',
  unselected_values: '不属于统计范围的值',
  sum_of_parts: '分项大于合计',
  month_over_month_jump: '环比变动过大',
  month_over_month: '环比变动过大',
  above_twice_target: '超过年度目标两倍',
  districts_vs_city: '区市合计与全市数据不一致',
  city_vs_districts: '区市合计与全市数据不一致',
  return_vs_export: '报表与业务系统数据不一致',
  behind_schedule: '明显慢于时序进度',
  missing_return: '未报送报表',
  late_return: '逾期报送报表',
};

export interface AuditGroup {
  /** 市南区, or 全市 for findings on the city or on no region. */
  readonly region: string;
  readonly errors: number;
  readonly warnings: number;
  readonly table: TextTable;
}

export interface AuditReport {
  readonly title: string;
  readonly periodLabel: string;
  readonly summary: string;
  readonly groups: readonly AuditGroup[];
}

/** Group `findings` by district, in the region order of `data`. */
export function buildAuditReport(data: ReportData, findings: readonly AuditFinding[]): AuditReport {
  const indicator = (code: string | null) =>
    code === null ? '—' : (data.indicators.find((i) => i.code === code)?.nameZh ?? code);
  const regions = [{ code: null as string | null, nameZh: '全市' }, ...data.districts];
  const regionOf = (f: AuditFinding) =>
    data.districts.some((d) => d.code === f.regionCode) ? f.regionCode : null;
  const groups = regions.flatMap((r) => {
    const mine = findings.filter((f) => regionOf(f) === r.code);
    if (mine.length === 0) return [];
    const errors = mine.filter((f) => f.severity === 'error').length;
    return [
      {
        region: r.nameZh,
        errors,
        warnings: mine.length - errors,
        table: {
          header: ['类别', '审核规则', '指标', '位置（文件→工作表→单元格）', '问题说明'],
          rows: mine.map((f) => [
            { text: f.severity === 'error' ? '强制性审核（已退回）' : '核实性审核（请核实）' },
            { text: RULE_NAMES[f.rule] ?? '其他审核规则' },
            { text: indicator(f.indicatorCode) },
            { text: f.location ?? '—' },
            { text: f.message },
          ]),
          marked: mine.map((f) => f.severity === 'error'),
          markColumns: [0],
          note: null,
        },
      },
    ];
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    title: `${data.city.nameZh}人社统计月报审核情况报告`,
    periodLabel: periodLabel(data.period),
    summary:
      findings.length === 0
        ? '本月审核未发现问题。'
        : `本月审核发现问题${findings.length}条，其中强制性审核${errors}条（报表已退回，请修改后重报），核实性审核${findings.length - errors}条（请核实后反馈），涉及${groups.length}个单位。`,
    groups,
  };
}
