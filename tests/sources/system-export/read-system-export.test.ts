import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../core/config.ts';
import type { FileOutcome } from '../../../core/file-outcome.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from './export-fixtures.ts';

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-export-'));
  const config = { ...configSchema.parse({}), salt_file: path.join(dir, 'secret', 'salt') };
  return { dir, config };
}

async function ingest(
  w: TestWarehouse,
  file: string,
  config: ReturnType<typeof workspace>['config'],
): Promise<FileOutcome> {
  return ingestFile(w.connection, file, {
    runId: 'test',
    now: new Date('2022-05-03T10:00:00+08:00'),
    config,
    catalogue: w.catalogue,
  });
}

const monthly = (w: TestWarehouse, indicator: string) =>
  w.rows(
    `select region_code, strftime(period, '%m') as m, month_value, ytd_value from observation
     where indicator_code = $1 and region_code in ('370200', '370202', '370203') order by region_code, period`,
    [indicator],
  );

const registrations = [
  REGISTRATION_HEADER,
  `1,张三,${personId(1)},男,2022-01-05,城镇新增就业,市南区人社局,370202`,
  `2,李四,${personId(2)},女,2022/01/09,城镇新增就业,市南区人社局,市南区`,
  `3,张三,${personId(1)},男,20220301,城镇新增就业,市南区人社局,370202`,
  `4,王五,370202199001010000,男,2022-03-02,城镇新增就业,市北区人社局,370203`,
  `5,赵六,${personId(5)},男,2022-03-02,失业人员再就业,市北区人社局,370203`,
  `6,孙八,${personId(8)},男,2022-03-15,城镇新增就业,市北区人社局,青岛市市北区`,
];

describe('就业登记系统 (record per registration)', () => {
  it('counts persons once a year, in the month of their first registration, across files', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(path.join(dir, '就业登记明细202203.csv'), registrations, 'gbk');
      writeCsv(
        path.join(dir, '就业登记明细202204.csv'),
        [
          REGISTRATION_HEADER,
          `1,李四,${personId(2)},女,2022-04-01,城镇新增就业,x,370202`,
          `2,钱七,${personId(7)},女,2022-04-01,城镇新增就业,x,370202`,
        ],
        'utf8-bom',
      );
      const first = await ingest(w, path.join(dir, '就业登记明细202203.csv'), config);
      expect(first.status).toBe('loaded');
      // Row 4 (file line 5) has a wrong check digit: excluded and named.
      expect(first.warnings).toMatchObject([{ code: 'invalid_id_number', location: { row: '5' } }]);
      expect((await ingest(w, path.join(dir, '就业登记明细202204.csv'), config)).status).toBe('loaded');

      const jobs = await monthly(w, 'urban_new_jobs');
      const at = (region: string, m: string) => jobs.find((r) => r.region_code === region && r.m === m);
      // 张三 registered in January and again in March: counted once, in January. 李四 again in April: not counted.
      expect(at('370202', '01')).toMatchObject({ month_value: '2.000000', ytd_value: '2.000000' });
      expect(at('370202', '03')).toMatchObject({ month_value: '0.000000', ytd_value: '2.000000' });
      expect(at('370202', '04')).toMatchObject({ month_value: '1.000000', ytd_value: '3.000000' });
      expect(at('370203', '03')).toMatchObject({ month_value: '1.000000' });
      expect(at('370200', '04')).toMatchObject({ ytd_value: '4.000000' });
      expect(await monthly(w, 'unemployed_reemployed')).toContainEqual(
        expect.objectContaining({ region_code: '370203', m: '03', month_value: '1.000000' }),
      );
    });
  });

  it('moves a person to an earlier month when a later file shows an earlier registration, emptying the old month', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(
        path.join(dir, '就业登记明细202203.csv'),
        [REGISTRATION_HEADER, `1,周九,${personId(9)},男,2022-03-10,城镇新增就业,x,370202`],
        'utf8',
      );
      writeCsv(
        path.join(dir, '就业登记明细202201补报.csv'),
        [REGISTRATION_HEADER, `1,周九,${personId(9)},男,2022-01-20,城镇新增就业,x,370202`],
        'utf8',
      );
      await ingest(w, path.join(dir, '就业登记明细202203.csv'), config);
      await ingest(w, path.join(dir, '就业登记明细202201补报.csv'), config);
      const rows = await w.rows(`select strftime(period, '%m') as m, month_value from observation
        where indicator_code = 'urban_new_jobs' and region_code = '370202' order by period`);
      expect(rows).toEqual([
        { m: '01', month_value: '1.000000' },
        { m: '03', month_value: '0.000000' },
      ]);
    });
  });

  it('keeps no ID number anywhere in the warehouse', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(path.join(dir, '就业登记明细202203.csv'), registrations, 'gbk');
      await ingest(w, path.join(dir, '就业登记明细202203.csv'), config);
      const ids = registrations.slice(1).map((line) => line.split(',')[2]!);
      const columns = await w.rows(`select table_name, column_name from duckdb_columns()
        where data_type = 'VARCHAR' and not internal and database_name = 'memory' and table_name in (select table_name from duckdb_tables())`);
      expect(columns.length).toBeGreaterThan(30);
      for (const { table_name, column_name } of columns) {
        const hits = await w.rows(
          `select count(*)::int as n from "${table_name}" where ${ids.map((_, i) => `contains(coalesce("${column_name}", ''), $${i + 1})`).join(' or ')}`,
          ids,
        );
        expect({ table_name, column_name, n: hits[0]!.n }).toEqual({ table_name, column_name, n: 0 });
      }
    });
  });

  it('reads UTF-8, UTF-8 with BOM, GBK and GB18030 to the same figures', async () => {
    const figures = [];
    for (const encoding of ['utf8', 'utf8-bom', 'gbk', 'gb18030'] as const) {
      figures.push(
        await withTestWarehouse(async (w) => {
          const { dir, config } = workspace();
          writeCsv(path.join(dir, '就业登记明细.csv'), registrations, encoding);
          expect((await ingest(w, path.join(dir, '就业登记明细.csv'), config)).status).toBe('loaded');
          return monthly(w, 'urban_new_jobs');
        }),
      );
    }
    expect(figures[1]).toEqual(figures[0]);
    expect(figures[2]).toEqual(figures[0]);
    expect(figures[3]).toEqual(figures[0]);
  });

  it('rejects bytes that are not valid in the encoding, naming the byte offset, and loads nothing', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const good = iconv.encode(registrations.join('\n') + '\n', 'gbk');
      const bad = Buffer.concat([good.subarray(0, 200), Buffer.from([0x81, 0x0a]), good.subarray(200)]);
      writeFileSync(path.join(dir, '就业登记明细.csv'), bad);
      const outcome = await ingest(w, path.join(dir, '就业登记明细.csv'), config);
      expect(outcome.status).toBe('rejected');
      expect(outcome.errors).toMatchObject([
        {
          code: 'export_encoding',
          params: { encoding: 'GB18030/GBK', byteOffset: 200 },
          message: '文件第200字节处的内容不是有效的GB18030/GBK编码，已拒收：请以UTF-8或GBK编码重新导出',
        },
      ]);
      expect(await w.rows('select count(*)::int as n from fact_value')).toEqual([{ n: 0 }]);
    });
  });

  it('names the right byte offset deep in a large file', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const body = Array.from(
        { length: 30000 },
        (_, i) => `${i},张三,${personId(1)},男,2022-01-05,城镇新增就业,市南区人社局,370202`,
      );
      const good = iconv.encode([REGISTRATION_HEADER, ...body].join('\n') + '\n', 'gbk');
      const offset = good.length - 1000;
      writeFileSync(
        path.join(dir, '就业登记明细.csv'),
        Buffer.concat([good.subarray(0, offset), Buffer.from([0xff]), good.subarray(offset)]),
      );
      const outcome = await ingest(w, path.join(dir, '就业登记明细.csv'), config);
      expect(good.length).toBeGreaterThan(2 * 1024 * 1024);
      expect(outcome.errors[0]!.message).toContain(`文件第${offset}字节处`);
    });
  });

  it('rejects a file missing a column, naming it', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(
        path.join(dir, '就业登记明细.csv'),
        registrations.map((l) => l.split(',').slice(0, 7).join(',')),
        'utf8',
      );
      const outcome = await ingest(w, path.join(dir, '就业登记明细.csv'), config);
      expect(outcome).toMatchObject({
        status: 'rejected',
        errors: [{ code: 'missing_columns', message: expect.stringContaining('行政区划代码') }],
      });
    });
  });

  it('changes nothing when the same file comes again', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(path.join(dir, '就业登记明细.csv'), registrations, 'gbk');
      await ingest(w, path.join(dir, '就业登记明细.csv'), config);
      const before = await w.rows('select count(*)::int as facts from fact_value');
      expect((await ingest(w, path.join(dir, '就业登记明细.csv'), config)).status).toBe('unchanged');
      expect(await w.rows('select count(*)::int as facts from fact_value')).toEqual(before);
    });
  });
});

describe('劳动人事争议仲裁系统 (record per case)', () => {
  it('counts accepted cases by 受理日期, closed and mediated by 结案日期, and the rates from them', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(
        path.join(dir, '仲裁案件2022.csv'),
        [
          '案件编号,受理日期,结案日期,结案方式,行政区划代码',
          'A1,2022-01-03,2022-02-10,调解,370202',
          'A2,2022-01-05,,,370202',
          'A3,2022-02-01,2022-02-20,裁决,370203',
          'A4,2022-02-03,2022-02-21,调解,370203',
        ],
        'gbk',
      );
      expect((await ingest(w, path.join(dir, '仲裁案件2022.csv'), config)).status).toBe('loaded');
      const rates = await w.rows(`select indicator_code, region_code, ytd_value from observation
        where period = '2022-02-01' and region_code = '370200' and indicator_code like 'dispute%' order by 1`);
      expect(rates).toEqual([
        { indicator_code: 'dispute_cases_accepted', region_code: '370200', ytd_value: '4.000000' },
        { indicator_code: 'dispute_cases_closed', region_code: '370200', ytd_value: '3.000000' },
        { indicator_code: 'dispute_cases_mediated', region_code: '370200', ytd_value: '2.000000' },
        // 3 ÷ 4 and 2 ÷ 3.
        { indicator_code: 'dispute_closure_rate', region_code: '370200', ytd_value: '75.000000' },
        { indicator_code: 'dispute_mediation_rate', region_code: '370200', ytd_value: '66.666667' },
      ]);
    });
  });
});

describe('社保系统 and 12333热线 (aggregated)', () => {
  it('reads 参保人数月报 from CSV and Parquet, and the net change from 缴费人数 against December', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      writeCsv(
        path.join(dir, '参保人数月报202112.csv'),
        [
          '行政区划代码,统计年月,险种,参保人数,缴费人数',
          '370202,202112,企业职工基本养老保险,500000,450000',
          '370202,202112,失业保险,300000,290000',
        ],
        'utf8',
      );
      await w.connection
        .run(`copy (select * from (values ('370202', '202201', '企业职工基本养老保险', '501200', '451000'),
        ('370202', '202201', '失业保险', '301000', '291000')) t("行政区划代码", "统计年月", "险种", "参保人数", "缴费人数"))
        to '${path.join(dir, '参保人数月报202201.parquet')}' (format parquet)`);
      expect((await ingest(w, path.join(dir, '参保人数月报202112.csv'), config)).status).toBe('loaded');
      expect((await ingest(w, path.join(dir, '参保人数月报202201.parquet'), config)).status).toBe('loaded');
      expect(
        await w.rows(`select indicator_code, ytd_value, month_value from observation
        where region_code = '370202' and period = '2022-01-01' order by 1`),
      ).toEqual([
        {
          indicator_code: 'enterprise_insured_net_increase',
          ytd_value: '1000.000000',
          month_value: '1000.000000',
        },
        { indicator_code: 'enterprise_pension_contributors', ytd_value: '451000.000000', month_value: null },
        { indicator_code: 'enterprise_pension_insured', ytd_value: '501200.000000', month_value: null },
        { indicator_code: 'unemployment_insured', ytd_value: '301000.000000', month_value: null },
      ]);
    });
  });

  it('sums 12333 daily calls to the month for the city, from JSON lines or Arrow IPC', async () => {
    for (const format of ['jsonl', 'arrow'] as const) {
      await withTestWarehouse(async (w) => {
        const { dir, config } = workspace();
        const days = Array.from({ length: 31 }, (_, i) => ({
          日期: `2022-01-${String(i + 1).padStart(2, '0')}`,
          呼入量: 1000,
          人工接通量: 950 + (i % 2),
        }));
        const file = path.join(dir, `12333话务202201.${format}`);
        if (format === 'jsonl') writeFileSync(file, days.map((d) => JSON.stringify(d)).join('\n') + '\n');
        else
          writeFileSync(
            file,
            tableToIPC(
              tableFromArrays({
                日期: days.map((d) => d.日期),
                呼入量: Int32Array.from(days.map((d) => d.呼入量)),
                人工接通量: Int32Array.from(days.map((d) => d.人工接通量)),
              }),
              'file',
            ),
          );
        // Arrow IPC files are named like the system's other exports.
        const outcome = await ingest(w, file, config);
        expect(outcome.status, JSON.stringify(outcome.errors)).toBe('loaded');
        expect(
          await w.rows(
            `select indicator_code, ytd_value from observation where region_code = '370200' order by 1`,
          ),
        ).toEqual([
          { indicator_code: 'hotline_answer_rate', ytd_value: '95.048387' },
          { indicator_code: 'hotline_calls_answered', ytd_value: '29465.000000' },
          { indicator_code: 'hotline_calls_in', ytd_value: '31000.000000' },
        ]);
      });
    }
  });
});
