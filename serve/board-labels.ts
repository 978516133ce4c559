/**
 * The Chinese words the board shows for the warehouse's codes (statuses, severities, check rules,
 * run states). A code without a label is shown as it is, so a new rule is never hidden.
 */
import type { ProgressStatus } from '../figures/figure-status.ts';

/** 报送状态 of a `submission` row. */
export const SUBMISSION_STATUS_LABELS: Readonly<Record<string, string>> = {
  on_time: '按时',
  late: '迟报',
  revised: '已修订',
  rejected: '退回',
  missing: '未报',
  pending: '未到期',
};

/** 完成进度 status of a `completion` row (the colour of its cell). */
export const PROGRESS_STATUS_LABELS: Readonly<Record<ProgressStatus, string>> = {
  met: '已完成目标',
  ahead: '快于时序进度',
  level: '与时序进度持平',
  behind: '慢于时序进度',
  not_met: '未达到目标',
  none: '无时序进度',
};

/** What became of one received file (`submission_file.status`). */
export const FILE_STATUS_LABELS: Readonly<Record<string, string>> = {
  loaded: '已入库',
  revised: '已入库（修订）',
  superseded: '已被新报表替代',
  rejected: '退回',
};

/** 审核 severities. */
export const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  error: '强制性审核（错误）',
  warning: '核实性审核（预警）',
};

/** Check and ingest rules, by code. */
export const RULE_LABELS: Readonly<Record<string, string>> = {
  unreadable_file: '文件无法读取',
  no_indicator_table: '未找到指标表',
  unknown_region: '未知地区',
  region_mismatch: '地区不一致',
  unknown_period: '未知报告期',
  period_mismatch: '报告期不一致',
  unknown_label: '未知指标名称',
  non_numeric_value: '非数值',
  duplicate_indicator: '指标重复',
  negative_value: '数值为负',
  ytd_decreased: '累计值小于上月累计',
  month_ytd_mismatch: '本月与累计不符',
  numerator_above_denominator: '分子大于分母',
  child_above_parent: '子项大于总项',
  rate_components_mismatch: '比率与分项不符',
  month_over_month_jump: '环比变动过大',
  above_twice_target: '超过年度目标两倍',
  districts_vs_city: '区市合计与全市不符',
  behind_schedule: '明显慢于时序进度',
  sum_of_parts: '分项之和大于总项',
  late_return: '迟报',
  missing_return: '未报',
  return_vs_export: '报表与系统数据不符',
  invalid_id_number: '身份证号码无效',
  id_number_mangled: '身份证号码被Excel改动',
  unselected_values: '不属于统计范围的值',
  invalid_date: '日期无效',
  missing_columns: '缺少必需列',
  no_value_columns: '未找到数值列',
  old_workbook_format: '旧版Excel格式',
  no_definition: '无法识别的文件',
};

/** `pipeline_run.status`. */
export const RUN_STATUS_LABELS: Readonly<Record<string, string>> = {
  running: '运行中',
  completed: '已完成',
  failed: '失败',
};

/** The label of `code` in `labels`, else the code itself. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return labels[code] ?? code;
}
