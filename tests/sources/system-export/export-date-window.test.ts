/**
 * Issue 22 item 2 (SPEC §6): an export's plausible window belongs to the file — from 1 January of the
 * year before its own year (from its name, else most of its dates) through the run date — so a
 * 2022 year of exports loaded today counts for 2022, while 1900 and 2099 records are still left out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../core/config.ts';
import { ingestFile } from '../../../pipelines/ingest-file.ts';
import { yearOfFileName } from '../../../sources/system-export/export-date-window.ts';
import { withTestWarehouse } from '../../helpers/test-warehouse.ts';
import { personId, REGISTRATION_HEADER, writeCsv } from './export-fixtures.ts';

/** A small 2022 of the four systems' exports in `dir`: the files, in the order a year brings them. */
function writeYear2022(dir: string): string[] {
  const files: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = String(m).padStart(2, '0');
    const file = path.join(dir, `就业登记明细2022${month}.csv`);
    writeCsv(
      file,
      [
        REGISTRATION_HEADER,
        `1,张${m},${personId(m)},男,2022-${month}-05,城镇新增就业,市南区人社局,370202`,
        `2,李${m},${personId(100 + m)},女,2022-${month}-09,失业人员再就业,市北区人社局,370203`,
        // Person 1 again every month: counted once, in January.
        `3,张一,${personId(1)},男,2022-${month}-20,城镇新增就业,市南区人社局,370202`,
      ],
      'gbk',
    );
    files.push(file);
    const insurance = path.join(dir, `参保人数月报2022${month}.csv`);
    writeCsv(
      insurance,
      [
        '行政区划代码,统计年月,险种,参保人数,缴费人数',
        `370202,2022${month},失业保险,${300000 + m * 100},${290000 + m}`,
      ],
      'utf8',
    );
    files.push(insurance);
  }
  const arbitration = path.join(dir, '仲裁案件2022.csv');
  writeCsv(
    arbitration,
    [
      '案件编号,受理日期,结案日期,结案方式,行政区划代码',
      'A1,2022-01-03,2022-02-10,调解,370202',
      'A2,2022-06-05,,,370202',
      'A3,2022-11-01,2022-12-20,裁决,370203',
      // Placeholders and a typo: left out with a warning, creating no month.
      'A4,1900-01-01,,,370203',
      'A5,2099-03-01,,,370203',
    ],
    'gbk',
  );
  files.push(arbitration);
  const calls = path.join(dir, '12333话务202212.jsonl');
  writeFileSync(
    calls,
    Array.from({ length: 31 }, (_, i) =>
      JSON.stringify({ 日期: `2022-12-${String(i + 1).padStart(2, '0')}`, 呼入量: 100, 人工接通量: 90 }),
    ).join('\n') + '\n',
  );
  files.push(calls);
  return files;
}

/** Ingest the year at `now`; the facts, the outcomes' statuses and warnings. */
async function loadYear(now: Date) {
  return withTestWarehouse(async (w) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-window-'));
    const config = { ...configSchema.parse({}), salt_file: path.join(dir, 'secret', 'salt') };
    const outcomes = [];
    for (const file of writeYear2022(dir))
      outcomes.push(
        await ingestFile(w.connection, file, { runId: 'test', now, config, catalogue: w.catalogue }),
      );
    const facts = await w.rows(
      `select indicator_code, region_code, strftime(period, '%Y-%m') as month, measure, value
       from fact_value where superseded_at is null order by all`,
    );
    const observations = await w.rows(
      `select indicator_code, region_code, strftime(period, '%Y-%m') as month, ytd_value, month_value
       from observation order by all`,
    );
    return {
      statuses: outcomes.map((o) => o.status),
      warnings: outcomes.flatMap((o) => o.warnings.map((f) => [f.code, f.params, f.location.row])),
      facts,
      observations,
    };
  });
}

describe('yearOfFileName', () => {
  it('reads the year of a month, a year or a date in the name, and nothing else', () => {
    expect(yearOfFileName('inbox/就业登记明细202203.csv')).toBe(2022);
    expect(yearOfFileName('就业登记明细202201补报.csv')).toBe(2022);
    expect(yearOfFileName('仲裁案件2021.csv')).toBe(2021);
    expect(yearOfFileName('12333话务2022-01.jsonl')).toBe(2022);
    expect(yearOfFileName('参保人数月报2022年3月.csv')).toBe(2022);
    expect(yearOfFileName('就业登记明细20220315.csv')).toBe(2022);
    expect(yearOfFileName('12333话务.jsonl')).toBeNull();
    expect(yearOfFileName('就业登记明细.csv')).toBeNull();
    expect(yearOfFileName('仲裁案件123456789.csv')).toBeNull();
  });
});

describe('the file’s own window', () => {
  it('publishes the same facts for a 2022 year loaded today as loaded on 2023-01-15', async () => {
    const today = new Date();
    const [now, then] = [await loadYear(today), await loadYear(new Date('2023-01-15T02:00:00+08:00'))];
    expect(now.statuses).toEqual(Array(26).fill('loaded'));
    expect(now.facts).toEqual(then.facts);
    expect(now.observations).toEqual(then.observations);
    const count = (code: string) => now.facts.filter((f) => f.indicator_code === code).length;
    // Persons: 12 months × 10 districts, zeros included; a level for each month of 失业保险.
    expect(count('urban_new_jobs')).toBe(120);
    expect(count('unemployment_insured')).toBe(12);
    const jobs = now.observations.filter(
      (o) => o.indicator_code === 'urban_new_jobs' && o.region_code === '370202' && o.month === '2022-12',
    );
    // Person 1 in January and again every month, persons 2–12 once each: 12 in the year.
    expect(jobs).toEqual([
      {
        indicator_code: 'urban_new_jobs',
        region_code: '370202',
        month: '2022-12',
        ytd_value: '12.000000',
        month_value: '1.000000',
      },
    ]);
    const accepted = now.observations.filter(
      (o) =>
        o.indicator_code === 'dispute_cases_accepted' && o.region_code === '370200' && o.month === '2022-12',
    );
    expect(accepted).toEqual([
      {
        indicator_code: 'dispute_cases_accepted',
        region_code: '370200',
        month: '2022-12',
        ytd_value: '3.000000',
        month_value: '0.000000',
      },
    ]);
    const day = (d: Date) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(d);
    expect(now.warnings).toEqual([
      [
        'date_out_of_window',
        {
          column: '受理日期',
          count: 2,
          examples: ['1900-01-01', '2099-03-01'],
          from: '2021-01-01',
          to: day(today),
        },
        '5, 6',
      ],
    ]);
    expect(now.facts.some((f) => String(f.month) < '2022-01' || String(f.month) > '2022-12')).toBe(false);
  });

  it('takes the year most records fall in when the name has none', async () => {
    await withTestWarehouse(async (w) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kpi-window-'));
      const config = { ...configSchema.parse({}), salt_file: path.join(dir, 'secret', 'salt') };
      const file = path.join(dir, '仲裁案件.csv');
      writeCsv(
        file,
        [
          '案件编号,受理日期,结案日期,结案方式,行政区划代码',
          'A1,2021-03-03,,,370202',
          'A2,2021-04-05,,,370202',
          'A3,2020-12-31,,,370202',
          'A4,2019-12-31,,,370202',
        ],
        'utf8',
      );
      const outcome = await ingestFile(w.connection, file, {
        runId: 'test',
        now: new Date('2026-12-07T10:00:00+08:00'),
        config,
        catalogue: w.catalogue,
      });
      expect(outcome.warnings.map((f) => [f.code, f.params])).toEqual([
        [
          'date_out_of_window',
          { column: '受理日期', count: 1, examples: ['2019-12-31'], from: '2020-01-01', to: '2026-12-07' },
        ],
      ]);
      expect(
        await w.rows(
          `select strftime(period, '%Y-%m') as month, sum(value)::int as cases from fact_value
           where indicator_code = 'dispute_cases_accepted' group by all having cases > 0 order by 1`,
        ),
      ).toEqual([
        { month: '2020-12', cases: 1 },
        { month: '2021-03', cases: 1 },
        { month: '2021-04', cases: 1 },
      ]);
    });
  });
});
