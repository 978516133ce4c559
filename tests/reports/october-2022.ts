/**
 * A hand-built warehouse state for October 2022, figures chosen to be checked by hand in the golden
 * bulletin: nine of ten districts report (莱西市 does not), 平度市 late, one September revision; the
 * city's 城镇新增就业 comes whole from the employment registration system.
 */
import type { TestFact, TestWarehouse } from '../helpers/test-warehouse.ts';

const DISTRICTS = ['市南区', '市北区', '黄岛区', '崂山区', '李沧区', '城阳区', '即墨区', '胶州市', '平度市'];

/** District 2022 targets for 城镇新增就业 (任务分解), summing to the city's 35万 with 莱西市's 30000. */
const JOB_TARGETS = [20000, 30000, 70000, 20000, 25000, 40000, 40000, 40000, 35000];
const JOBS_OCT = [18500, 24600, 64120, 17300, 21000, 33800, 36200, 35100, 27650];
const GRAD_STARTUPS_OCT = [300, 280, 620, 250, 240, 380, 350, 330, 300];
const UNEMPLOYMENT_INSURED = [310456, 280000, 520000, 150000, 170000, 260000, 210000, 190000, 160000];
const DISPUTES_ACCEPTED = [200, 300, 500, 100, 150, 250, 200, 180, 120];
const DISPUTES_CLOSED = [190, 270, 460, 95, 140, 230, 180, 165, 105];

const at = (iso: string) => new Date(iso);

/**
 * `w.facts` types its items as `Partial<FactInput> & TestFact`, whose `value` intersects Decimal with
 * string | number; plain TestFact items are what it reads, so they are passed through this one cast.
 */
const facts = (w: TestWarehouse, items: TestFact[], loadedAt: Date) =>
  w.facts(items as unknown as Parameters<TestWarehouse['facts']>[0], loadedAt);

const TARGET_COLUMNS = `(indicator_code, region_code, start_year, end_year, basis, target_value, direction, source, issuer, due_period, approximate, loaded_from, loaded_at)`;
/** A 市定 target due in December, loaded by the test. */
const TEST_TARGET = `'市定', DATE '2022-12-01', false, 'test', now()`;

/** Load the October 2022 state into `w`. */
export async function loadOctober2022(w: TestWarehouse): Promise<void> {
  const code = (name: string) => w.catalogue.findRegion(name)!.code;
  for (const [n, name] of DISTRICTS.entries()) {
    await w.connection.run(
      `INSERT INTO dim_target ${TARGET_COLUMNS} VALUES ('urban_new_jobs', $1, 2022, 2022, 'annual', $2, 'at_least', '任务分解（测试）', ${TEST_TARGET})`,
      [code(name), JOB_TARGETS[n]!],
    );
  }
  await w.connection.run(
    `INSERT INTO dim_target ${TARGET_COLUMNS} VALUES ('urban_new_jobs', $1, 2022, 2022, 'annual', 30000, 'at_least', '任务分解（测试）', ${TEST_TARGET})`,
    [code('莱西市')],
  );

  // September, as first loaded (before the previous bulletin of 2022-10-05).
  await facts(
    w,
    [
      { indicator: '城镇新增就业', region: '市南区', month: '2022-09', measure: 'ytd', value: 16000 },
      ...DISTRICTS.map((region, n) => ({
        indicator: '扶持大学生创业人数',
        region,
        month: '2022-09',
        measure: 'ytd' as const,
        value: GRAD_STARTUPS_OCT[n]! - 5,
      })),
    ],
    at('2022-10-03T10:00:00+08:00'),
  );
  // 市南区 resubmits September after the previous bulletin.
  await facts(
    w,
    [{ indicator: '城镇新增就业', region: '市南区', month: '2022-09', measure: 'ytd', value: 16500 }],
    at('2022-11-02T15:30:00+08:00'),
  );
  await facts(
    w,
    [
      ...DISTRICTS.flatMap((region, n) => [
        { indicator: '城镇新增就业', region, month: '2022-10', measure: 'ytd' as const, value: JOBS_OCT[n]! },
        {
          indicator: '扶持大学生创业人数',
          region,
          month: '2022-10',
          measure: 'ytd' as const,
          value: GRAD_STARTUPS_OCT[n]!,
        },
        {
          indicator: '失业保险参保人数',
          region,
          month: '2022-10',
          measure: 'level' as const,
          value: UNEMPLOYMENT_INSURED[n]!,
        },
        {
          indicator: '劳动人事争议受理案件数',
          region,
          month: '2022-10',
          measure: 'ytd' as const,
          value: DISPUTES_ACCEPTED[n]!,
        },
        {
          indicator: '劳动人事争议结案数',
          region,
          month: '2022-10',
          measure: 'ytd' as const,
          value: DISPUTES_CLOSED[n]!,
        },
      ]),
      {
        indicator: '企业职工基本养老保险缴费人数',
        region: '青岛市',
        month: '2021-12',
        measure: 'level',
        value: 3120000,
      },
      {
        indicator: '企业职工基本养老保险缴费人数',
        region: '青岛市',
        month: '2022-10',
        measure: 'level',
        value: 3185240,
      },
      { indicator: '城镇调查失业率', region: '青岛市', month: '2022-10', measure: 'level', value: '5.2' },
      // The systems' city totals (employment registration, social insurance, arbitration): the city's
      // own figures, where the nine returns alone would be partial sums never published (SPEC §2).
      ...(
        [
          ['城镇新增就业', 'ytd', JOBS_OCT],
          ['扶持大学生创业人数', 'ytd', GRAD_STARTUPS_OCT],
          ['失业保险参保人数', 'level', UNEMPLOYMENT_INSURED],
          ['劳动人事争议受理案件数', 'ytd', DISPUTES_ACCEPTED],
          ['劳动人事争议结案数', 'ytd', DISPUTES_CLOSED],
        ] as const
      ).map(([indicator, measure, values]) => ({
        indicator,
        region: '青岛市',
        month: '2022-10',
        measure,
        value: values.reduce((a, b) => a + b, 0),
        sourceKind: 'export' as const,
      })),
    ],
    at('2022-11-03T10:00:00+08:00'),
  );

  for (const [n, name] of DISTRICTS.entries()) {
    const late = name === '平度市';
    await w.connection.run(
      `INSERT INTO source_file VALUES ($1, $2, 'return', '区市月报表', $3, DATE '2022-10-01', 'loaded',
         CAST($4 AS TIMESTAMPTZ), 'test', NULL, NULL)`,
      [
        `hash-${n}`,
        n === 1 ? '=HYPERLINK("http://x")市北区2022年1-10月.xlsx' : `${name}2022年1-10月.xlsx`,
        code(name),
        late ? '2022-11-07 09:00:00+08' : '2022-11-03 09:00:00+08',
      ],
    );
  }
  await w.connection.run(
    `INSERT INTO finding VALUES ('test', 'warning', 'month_over_month', $1, DATE '2022-10-01', 'urban_new_jobs',
       'hash-2', '黄岛区2022年1-10月.xlsx → 就业 → C5', $2, TIMESTAMPTZ '2022-11-03 10:00:00+08')`,
    [code('黄岛区'), '=2+3 城镇新增就业环比增长62.5%，超过50%的阈值 | 请核实'],
  );
}
