import { describe, expect, it } from 'vitest';
import { finding } from '../../core/finding.ts';
import { findingLine, findingMessage, formatLocation, reportFinding } from '../../core/format-finding.ts';

describe('the one formatter of findings', () => {
  it('says a reader finding in Chinese from its code and parameters', () => {
    const f = finding(
      'unknown_label',
      'error',
      { label: '城镇新增就业岗位开发数', nearest: ['城镇新增就业', '城乡公益性岗位创设数'] },
      { file: '2022年10月_市南区.xlsx', sheet: '月报', cell: 'B7' },
      { input: '城镇新增就业岗位开发数' },
    );
    expect(findingMessage(f)).toBe(
      '未知指标名称“城镇新增就业岗位开发数”，不按猜测对应；目录中最接近的指标：城镇新增就业、城乡公益性岗位创设数',
    );
    expect(findingLine(f)).toBe(
      `错误 unknown_label：${findingMessage(f)}（2022年10月_市南区.xlsx → 月报 → B7）`,
    );
  });

  it('fills a data check template from its violation row, trimming exact decimals', () => {
    const f = finding(
      'above_twice_target',
      'warning',
      {
        region_name: '青岛市',
        period_label: '2022年10月',
        indicator_name: '城镇新增就业',
        actual: '800000.000000',
        unit: '人',
        target_year: '2022',
        target_value: '350000.000000',
        completion_pct: '228.6',
      },
      { file: 'completion' },
    );
    expect(findingMessage(f)).toBe(
      '青岛市2022年10月城镇新增就业为800000人，超过2022年目标350000人的两倍（完成228.6%），请核实',
    );
  });

  it('names export rows and keeps machine fields for JSON', () => {
    const f = finding(
      'invalid_date',
      'error',
      { column: '登记日期', count: 2, examples: ['1900-13-01', '（空）'], allowMonth: false },
      { file: '就业登记明细202203.csv', row: '5, 9' },
    );
    expect(formatLocation(f.location)).toBe('就业登记明细202203.csv → 第5, 9行');
    expect(JSON.parse(JSON.stringify(reportFinding(f)))).toMatchObject({
      code: 'invalid_date',
      params: { column: '登记日期', count: 2 },
      message: '2行的登记日期不是日期（YYYY-MM-DD、YYYY/MM/DD或YYYYMMDD）：1900-13-01、（空）',
    });
  });
});
