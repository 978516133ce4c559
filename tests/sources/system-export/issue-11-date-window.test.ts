/**
 * Issue 11 (SPEC §6): an export record dated outside the plausible window — before the previous year
 * or after the run date — is a finding and is left out; it never creates periods.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../core/config.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from './export-fixtures.ts';

describe('issue 11: export dates outside the plausible window', () => {
  it('leaves out a 1900-01-01 and a 2099 record with a warning, creating no periods for them', async () => {
    await withTestWarehouse(async (w) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kpi-export-'));
      const config = { ...configSchema.parse({}), salt_file: path.join(dir, 'secret', 'salt') };
      const file = path.join(dir, '就业登记明细202203.csv');
      writeCsv(
        file,
        [
          REGISTRATION_HEADER,
          `1,张三,${personId(1)},男,2022-03-05,城镇新增就业,市南区人社局,370202`,
          `2,李四,${personId(2)},女,1900-01-01,城镇新增就业,市南区人社局,370202`,
          `3,王五,${personId(3)},男,2099-01-01,城镇新增就业,市南区人社局,370202`,
          `4,赵六,${personId(4)},女,2022-02-11,城镇新增就业,市南区人社局,370202`,
        ],
        'gbk',
      );
      const outcome = await ingestFile(w.connection, file, {
        runId: 'test',
        now: new Date('2022-04-03T10:00:00+08:00'),
        config,
        catalogue: w.catalogue,
      });
      expect(outcome.status).toBe('loaded');
      expect(outcome.warnings.map((f) => [f.code, f.params])).toEqual([
        [
          'date_out_of_window',
          {
            column: '登记日期',
            count: 2,
            examples: ['1900-01-01', '2099-01-01'],
            from: '2021-01-01',
            to: '2022-04-03',
          },
        ],
      ]);
      expect(
        await w.rows(
          `select strftime(min(period), '%Y-%m') as first, strftime(max(period), '%Y-%m') as last
           from fact_value where source_kind = 'export'`,
        ),
      ).toEqual([{ first: '2022-02', last: '2022-03' }]);
      expect(
        await w.rows(
          `select ytd_value from observation where indicator_code = 'urban_new_jobs' and region_code = '370202'
             and period = date '2022-03-01'`,
        ),
      ).toEqual([{ ytd_value: null }]);
    });
  });
});
