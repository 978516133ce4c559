/**
 * The one formatter of findings: Chinese text for people (districts read it), JSON for machines
 * (English codes and parameters). Every message a person sees is made here, from code and params.
 */
import type {
  CheckCode,
  CheckParams,
  ExportFormat,
  Finding,
  FindingCode,
  FindingLocation,
  FindingParams,
  WorkbookLimit,
} from './finding.ts';
import { formatCounts } from './format-counts.ts';
import { maskNationalIds, maskNationalIdsDeep } from './mask-national-ids.ts';
import { periodLabel } from './period.ts';

/** A finding as it is reported: the data plus its Chinese message. */
export type ReportedFinding = Finding & { readonly message: string };

const list = (items: readonly string[]) => items.join('、');
const months = (period: string) => periodLabel(period as never);

type Messages = { readonly [C in Exclude<FindingCode, CheckCode>]: (p: FindingParams[C]) => string };

const MESSAGES: Messages = {
  unreadable_file: (p) => `文件无法读取：${p.reason}`,
  old_workbook_format: () => '文件是旧版Excel格式（.xls/.et），请另存为.xlsx（Excel 2007及以上）后重新报送',
  no_definition: () => '无法识别的文件：区市报表应为.xlsx工作簿，且没有系统导出定义与该文件名匹配',
  no_indicator_table: () => '工作簿中没有列出任何目录指标的工作表',
  no_value_columns: (p) => `工作表“${p.sheet}”的指标行上方没有“本月”“累计”或月份列`,
  missing_columns: (p) => `${p.system}导出文件缺少列：${list(p.missing)}（应有：${list(p.expected)}）`,
  unknown_region: (p) =>
    p.kind === 'return'
      ? `文件名和工作表中均未写明目录中的地区（${list(p.texts) || '无标题或填报单位行'}）`
      : `${p.count}行的行政区划代码不是已知地区：${list(p.examples)}`,
  region_mismatch: (p) =>
    p.kind === 'several'
      ? `工作表写明了多个地区：${p.texts.join(' / ')}`
      : `文件名为${p.fromName}，工作表为${p.fromSheet}（“${p.text}”）`,
  unknown_period: (p) =>
    p.kind === 'missing'
      ? '文件名和工作表中均无报告期（如2022年10月或2022年1-10月）'
      : p.kind === 'invalid'
        ? `不是有效的报告期：${list(p.texts)}`
        : `报告期${months(p.period)}尚未到来`,
  period_mismatch: (p) =>
    p.kind === 'several'
      ? `工作表写明了多个报告期：${p.texts.join(' / ')}`
      : p.kind === 'name_vs_sheet'
        ? `文件名为${months(p.fromName)}，工作表为${months(p.fromSheet)}（“${p.text}”）`
        : `累计列的表头为“${p.header}”，但报告期为${months(p.period)}`,
  invalid_date: (p) =>
    `${p.count}行的${p.column}不是日期（YYYY-MM-DD、YYYY/MM/DD或YYYYMMDD${p.allowMonth ? '，或YYYYMM' : ''}）：${list(p.examples)}`,
  unknown_label: (p) => `未知指标名称“${p.label}”，不按猜测对应；目录中最接近的指标：${list(p.nearest)}`,
  unknown_unit: (p) => `${p.label}的计量单位“${p.unit}”无法识别（应为万人、人、万个、个、%等），不按猜测换算`,
  non_numeric_value: (p) =>
    p.kind === 'cell'
      ? `${p.label}：${p.reason}`
      : p.kind === 'formula_without_result'
        ? `${p.label}：公式没有保存计算结果（请在Excel中打开并保存后重新报送）`
        : `${p.count}行的${p.column}不是数字`,
  duplicate_indicator: (p) => `${p.label}填报了两次且数值不同：${p.first}（${p.firstAt}）和${p.second}`,
  negative_value: (p) =>
    p.kind === 'cell' ? `${p.label}为负数（${p.value}），计数不能小于0` : `${p.count}行的${p.column}为负数`,
  ytd_decreased: (p) =>
    `${p.label}：1-${p.month}月累计${p.ytd}低于已报送的1-${p.month - 1}月累计${p.previous}`,
  month_ytd_mismatch: (p) =>
    `${p.label}：本月${p.monthValue}与累计${p.ytd}不一致` +
    (p.expected === null ? '' : `（累计减上月累计${p.previous}应为${p.expected}）`),
  numerator_above_denominator: (p) =>
    `${p.label}${p.value}大于其分母${p.wholeLabel}${p.wholeValue}（${p.wholeAt}）`,
  child_above_parent: (p) =>
    `${p.label}${p.value}大于其上级指标${p.wholeLabel}${p.wholeValue}（${p.wholeAt}）`,
  rate_components_mismatch: (p) =>
    `${p.label}填报为${p.printed}%，但${p.numeratorLabel}÷${p.denominatorLabel}=${p.computed}%`,
  workbook_too_large: (p) => {
    const { zh, unit } = WORKBOOK_LIMITS[p.limit];
    const show = (n: number) => (unit === 'MB' ? `${(n / 1024 / 1024).toFixed(1)} MB` : String(n));
    return `工作簿超出限制，未解析：${zh} ${p.value === null ? `超过 ${show(p.max)}` : show(p.value)}，上限 ${show(p.max)}`;
  },
  date_out_of_window: (p) =>
    `${p.count}行的${p.column}不在合理期间（${p.from}至${p.to}）内，这些行未计入：${list(p.examples)}`,
  unusable_salt: (p) =>
    p.kind === 'missing'
      ? `仓库已按公民身份号码计数过人员，但找不到它的盐值文件（${p.file}）：为免同一人被重复计数，不新建盐值，本文件未读入。请把原盐值文件放回该位置（或在配置的salt_file中指明其位置）后重新导入`
      : `盐值文件（${p.file}）不是本仓库计数人员时所用的盐值：用它会把已计数的人再计一次，本文件未读入。请换回本仓库原来的盐值文件后重新导入`,
  // Every cell accounted for (issue 22).
  helper_sheet_skipped: (p) =>
    p.why === 'hidden'
      ? `隐藏工作表“${p.sheet}”已跳过，未读取${p.copyOf ? `（是${months(p.copyOf)}报表的副本）` : ''}`
      : `工作表“${p.sheet}”没有指标表（如下拉列表、填表说明），已跳过`,
  nothing_new: (p) =>
    `本文件没有新增记录（${formatCounts(p.counts, '行') ?? '没有数据行'}），只记入了${p.from === p.to ? periodLabel(p.from) : `${periodLabel(p.from)}至${periodLabel(p.to)}`}的新增数0`,
  nothing_stored: (p) =>
    p.source === 'return'
      ? `本表没有可入库的数值（读取${p.counts.read}个数值单元格，其中${p.counts.not_reported}个为空白、—或/），未入库；请填报后重新报送`
      : `本文件没有可入库的记录（${formatCounts(p.counts, '行') ?? '没有数据行'}），未入库；请核对导出的期间和内容后重新导出`,
  after_report_month: (p) =>
    `报告期为${periodLabel(p.period)}，但其后月份的列中填有${p.count}个数值，未入库；如果这是之后月份的报表，请更正文件名和报告期后重新报送`,
  level_ambiguous: (p) =>
    `${p.label}为时点数，“本月”填报${p.monthValue}（${p.monthAt}）与“累计”${p.level}不同，无法判断含义；已按“累计”${p.level}入库，本月数未入库，请核实`,
  invalid_id_number: (p) =>
    `${p.count}行的${p.column}无效（不是18位或校验码不符），这些行未计入${p.more ? '（仅列出前10行）' : ''}`,
  id_number_mangled: (p) => {
    const what = [
      p.scientific > 0 ? `${p.scientific}行的${p.column}被Excel改成了科学计数法或数字（如3.70202E+17）` : '',
      p.digitsLost > 0 ? `${p.digitsLost}行的${p.column}被Excel截去了末尾几位（15位后变成0）` : '',
    ].filter(Boolean);
    return `${what.join('，')}${p.more ? '（仅列出前10行）' : ''}，无法识别人员，已拒收：请在导出后不要用Excel另存，或把该列设为文本后重新导出`;
  },
  unselected_values: (p) =>
    `${p.count}行的${p.column}不是任何指标统计的值（${p.values.map((v) => `“${v.value}”${v.count}行`).join('、')}${p.more ? '等' : ''}），这些行未计入；请核实是否为写法有误或新增的${p.column}`,
  // System exports as they come.
  export_encoding: (p) =>
    `文件第${p.byteOffset}字节处的内容不是有效的${p.encoding}编码，已拒收：请以UTF-8或GBK编码重新导出`,
  malformed_rows: (p) => {
    const rows = p.rows
      .map((r) => (r.found === null ? `第${r.row}行无法拆分` : `第${r.row}行有${r.found}列`))
      .join('、');
    if (p.format === 'jsonl') return `${p.count}行不是完整的JSON对象（${rows}），请重新导出`;
    return p.expected === null
      ? `${p.count}行过长或无法拆分为列（${rows}），请检查后重新导出`
      : `${p.count}行的列数与表头的${p.expected}列不符（${rows}）：多了或少了分隔符，或引号未成对，请修正后重新导出`;
  },
  unreadable_export: (p) =>
    `文件无法按${EXPORT_FORMATS[p.format]}格式读取（内容不完整或不是该格式），请重新导出`,
  export_too_large: (p) =>
    `${EXPORT_FORMATS[p.format]}文件大小${(p.bytes / 1024 / 1024).toFixed(1)} MB，超过上限${(p.max / 1024 / 1024).toFixed(1)} MB，未读取`,
};

/** How each export format is named to people. */
const EXPORT_FORMATS: { readonly [F in ExportFormat]: string } = {
  csv: 'CSV',
  jsonl: 'JSON Lines',
  parquet: 'Parquet',
  arrow: 'Arrow IPC',
  xlsx: 'Excel（.xlsx）',
};

/** How each workbook limit is named, and its unit. */
const WORKBOOK_LIMITS: { readonly [L in WorkbookLimit]: { readonly zh: string; readonly unit: '' | 'MB' } } =
  {
    workbook_bytes: { zh: '文件大小', unit: 'MB' },
    workbook_xml_bytes: { zh: '解压后大小', unit: 'MB' },
    workbook_sheets: { zh: '工作表数', unit: '' },
    sheet_rows: { zh: '实际行数', unit: '' },
    sheet_columns: { zh: '实际列数', unit: '' },
    compression_ratio: { zh: '压缩比', unit: '' },
  };

/** The data checks' message templates: `{column}` is that column of the violation row. */
const CHECK_TEMPLATES: { readonly [C in CheckCode]: string } = {
  month_over_month_jump:
    '{region_name}{period_label}{indicator_name}{measure_label}{value}{unit}，较上月{previous_value}{unit}{direction_label}{change_pct}%，超过{tolerance}%的核实阈值',
  above_twice_target:
    '{region_name}{period_label}{indicator_name}为{actual}{unit}，超过{target_year}年目标{target_value}{unit}的两倍（完成{completion_pct}%），请核实',
  districts_vs_city:
    '{period_label}{indicator_name}各区市合计{districts_value}{unit}，与{region_name}上报数{city_value}{unit}相差{difference_pct}%，超过{tolerance}%的容差',
  behind_schedule:
    '{region_name}{period_label}{indicator_name}完成{window_label}计划的{completion_pct}%，慢于时序进度{behind_pp}个百分点（阈值{tolerance}个百分点）',
  sum_of_parts:
    '{region_name}{period_label}{child_names}合计{children_value}{unit}，超过{indicator_name}{parent_value}{unit}',
  return_vs_export:
    '{period_label}{region_name}{indicator_name}{measure_label}：区市报表{return_value}{unit}，系统导出{export_value}{unit}，相差{difference_pct}%，超过{tolerance}%的容差（发布值取自{authority_label}）',
  late_return: '{region_name}{period_label}报表于{received_local}报送，晚于截止日{deadline_label}',
  missing_return: '{region_name}{period_label}报表截至{deadline_label}未报送{note}',
  unit_slip:
    '{region_name}{period_label}{indicator_name}为{value}{unit}，约为上月{previous_value}{unit}的万分之一，疑似单位错误（以“万{unit}”填报的数字按“{unit}”读入），请核实',
};

const CHECK_CODE_SET = new Set<string>(Object.keys(CHECK_TEMPLATES));

/** Fill `{column}` placeholders; exact decimals lose trailing zeros (`312000.000000` → `312000`). */
function fillTemplate(template: string, params: CheckParams): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === null || value === undefined) return '—';
    return /^-?\d+\.\d+$/.test(value) ? value.replace(/\.?0+$/, '') : value;
  });
}

/** The finding in Chinese, with its figures; national IDs quoted from a file are masked (SPEC §7). */
export function findingMessage(f: Finding): string {
  if (CHECK_CODE_SET.has(f.code))
    return maskNationalIds(fillTemplate(CHECK_TEMPLATES[f.code as CheckCode], f.params as CheckParams));
  const say = MESSAGES[f.code as Exclude<FindingCode, CheckCode>] as (p: unknown) => string;
  return maskNationalIds(say(f.params));
}

/** `file → 工作表 → 单元格` or `file → 第3、17行` as one string; an ID in a name is masked. */
export function formatLocation(location: FindingLocation): string {
  const place = [
    location.file,
    location.sheet,
    location.cell,
    location.row === undefined ? undefined : `第${location.row}行`,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(' → ');
  return maskNationalIds(place);
}

/** The finding with its message: what outcomes, `--json` and error reports carry (IDs masked throughout). */
export function reportFinding(f: Finding): ReportedFinding {
  return { ...maskNationalIdsDeep(f), message: findingMessage(f) };
}

/** One line for a terminal or an error report: severity, code, message and where. */
export function findingLine(f: Finding): string {
  const severity = f.severity === 'error' ? '错误' : f.severity === 'warning' ? '核实' : '说明';
  return `${severity} ${f.code}：${findingMessage(f)}（${formatLocation(f.location)}）`;
}

/** The message templates of the data checks, for documentation (`kpi check --rules`, README). */
export function checkTemplate(code: CheckCode): string {
  return CHECK_TEMPLATES[code];
}
