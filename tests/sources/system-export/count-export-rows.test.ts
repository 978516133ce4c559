/**
 * Issue 22 item 1 (SPEC §6): every row of an export ends as exactly one of stored, not reported or
 * left out for a named reason, and `read` is their sum — in accepted and rejected files, across
 * files of a year, and over the sample year's exports.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../core/config.ts';
import { countsAddUp } from '../../../core/file-counts.ts';
import { writeSampleExports } from '../../../samples/write-sample-exports.ts';
import { loadExportDefinitions } from '../../../sources/system-export/load-export-definitions.ts';
import { readSystemExport } from '../../../sources/system-export/read-system-export.ts';
import { loadStagedFile } from '../../../warehouse/load-staged-file.ts';
import { withTestWarehouse, type TestWarehouse } from '../../helpers/test-warehouse.ts';
import { ingestCounted, personId, REGISTRATION_HEADER, writeCsv } from './export-fixtures.ts';

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-counts-'));
  const config = {
    ...configSchema.parse({}),
    salt_file: path.join(dir, 'secret', 'salt'),
    db: path.join(dir, 'kpi.duckdb'),
  };
  return { dir, config };
}

const ingest = (w: TestWarehouse, file: string, config: ReturnType<typeof workspace>['config'], now?: Date) =>
  ingestCounted(w.connection, file, {
    runId: 'test',
    now: now ?? new Date('2026-12-07T10:00:00+08:00'),
    config,
    catalogue: w.catalogue,
  });

const registration = (n: number, person: number, date: string, region = '370202') =>
  `${n},某${n},${personId(person)},男,${date},城镇新增就业,x,${region}`;

describe('export row accounting', () => {
  it('counts a person already counted by an earlier file as a repeat, and one moved earlier as stored', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const jan = path.join(dir, '就业登记明细202201.csv');
      const feb = path.join(dir, '就业登记明细202202.csv');
      const late = path.join(dir, '就业登记明细202203.csv');
      writeCsv(
        jan,
        [REGISTRATION_HEADER, registration(1, 1, '2022-01-05'), registration(2, 2, '2022-01-31')],
        'utf8',
      );
      writeCsv(
        feb,
        [REGISTRATION_HEADER, registration(1, 1, '2022-02-03'), registration(2, 3, '2022-02-04')],
        'utf8',
      );
      // Person 2's registration of 2022-01-20 was exported late: earlier than January's, so it moves them.
      writeCsv(
        late,
        [REGISTRATION_HEADER, registration(1, 2, '2022-01-20'), registration(2, 3, '2022-03-01')],
        'utf8',
      );
      expect((await ingest(w, jan, config)).counts).toEqual({
        read: 2,
        stored: 2,
        not_reported: 0,
        left_out: {},
      });
      expect((await ingest(w, feb, config)).counts).toEqual({
        read: 2,
        stored: 1,
        not_reported: 0,
        left_out: { repeat_person: 1 },
      });
      expect((await ingest(w, late, config)).counts).toEqual({
        read: 2,
        stored: 1,
        not_reported: 0,
        left_out: { repeat_person: 1 },
      });
      expect(
        await w.rows(`select strftime(period, '%m') as m, value::int as persons from fact_value
          where indicator_code = 'urban_new_jobs' and region_code = '370202' and superseded_at is null order by 1`),
      ).toEqual([
        { m: '01', persons: 2 },
        { m: '02', persons: 1 },
        { m: '03', persons: 0 },
      ]);
    });
  });

  it('gives a rejected file’s rows their errors, and the rest file_rejected', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const file = path.join(dir, '仲裁案件2022.csv');
      writeCsv(
        file,
        [
          '案件编号,受理日期,结案日期,结案方式,行政区划代码',
          'A1,2022-01-03,2022-02-10,调解,370202',
          'A2,2022-01-05,,,火星区',
          'A3,2022-13-01,,,370203',
          'A4,2022-02-03,2099-02-21,调解,370203',
          ',,,,',
        ],
        'gbk',
      );
      const { outcome, counts } = await ingest(w, file, config);
      expect(outcome.errors.map((f) => f.code)).toEqual(['unknown_region', 'invalid_date']);
      expect(counts).toEqual({
        read: 5,
        stored: 0,
        not_reported: 1,
        left_out: { date_out_of_window: 1, file_rejected: 1, invalid_date: 1, unknown_region: 1 },
      });
      expect(countsAddUp(counts)).toBe(true);
    });
  });

  it('counts rows no yield selects, and an open case as stored by its acceptance', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const insurance = path.join(dir, '参保人数月报202201.csv');
      writeCsv(
        insurance,
        [
          '行政区划代码,统计年月,险种,参保人数,缴费人数',
          '370202,202201,失业保险,301000,291000',
          '370202,202201,生育保险,1000,900',
        ],
        'utf8',
      );
      expect((await ingest(w, insurance, config)).counts).toEqual({
        read: 2,
        stored: 1,
        not_reported: 0,
        left_out: { not_selected: 1 },
      });
      const cases = path.join(dir, '仲裁案件2022.csv');
      writeCsv(
        cases,
        [
          '案件编号,受理日期,结案日期,结案方式,行政区划代码',
          'A1,2022-01-03,,,370202',
          'A2,2022-01-04,2022-01-09,撤诉,370202',
        ],
        'utf8',
      );
      expect((await ingest(w, cases, config)).counts).toEqual({
        read: 2,
        stored: 2,
        not_reported: 0,
        left_out: {},
      });
    });
  });

  it('adds up on every export of the sample year, and stores exactly the persons it newly counts', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      const exports = await writeSampleExports(path.join(dir, 'exports'), w.catalogue);
      const byMonth = [...exports].sort((a, b) => a.month - b.month);
      const persons = async () => Number((await w.rows('select count(*)::int as n from person_seen'))[0]!.n);
      for (const { file } of byMonth) {
        const before = await persons();
        const { outcome, counts } = await ingest(w, file, config);
        expect(outcome.status, path.basename(file)).toBe('loaded');
        expect(countsAddUp(counts), path.basename(file)).toBe(true);
        expect(counts.stored, path.basename(file)).toBeGreaterThan(0);
        if (path.basename(file).startsWith('就业登记明细')) {
          // Nobody is moved to an earlier month in the sample: each stored row is a person new this year.
          expect(counts.stored, path.basename(file)).toBe((await persons()) - before);
          const invalid = outcome.warnings.find((f) => f.code === 'invalid_id_number');
          expect(counts.left_out.invalid_id_number ?? 0).toBe(
            invalid ? (invalid.params as { count: number }).count : 0,
          );
        }
      }
    });
  }, 300_000);
});

describe('export row accounting, yields that overlap', () => {
  it('matches each row to its person’s first row when one row counts in two person yields', async () => {
    await withTestWarehouse(async (w) => {
      const { dir, config } = workspace();
      // A deployment's definition: new jobs, and every registration type together.
      const [registrations] = loadExportDefinitions(w.catalogue).filter(
        (d) => d.name === 'employment-registration',
      );
      const definition = {
        ...registrations!,
        yields: [registrations!.yields[0]!, { ...registrations!.yields[1]!, filter: [] }],
      };
      const file = path.join(dir, '就业登记明细202201.csv');
      writeCsv(
        file,
        [
          REGISTRATION_HEADER,
          registration(1, 1, '2022-01-05'),
          registration(2, 1, '2022-01-06'),
          `3,某3,${personId(3)},男,2022-01-07,失业人员再就业,x,370202`,
          `4,某4,370202199001010000,男,2022-01-07,失业人员再就业,x,370202`,
        ],
        'utf8',
      );
      const staged = await readSystemExport(w.connection, file, 'overlap', definition, 'csv', {
        catalogue: w.catalogue,
        saltFile: config.salt_file,
        db: config.db,
        now: new Date('2026-12-07T10:00:00+08:00'),
        limits: config.limits,
      });
      // Row 1 is person 1's first in both yields, row 2 repeats them in both, row 3 is person 3's
      // first in the second; row 4's ID is invalid.
      expect(staged.counts).toEqual({
        read: 4,
        stored: 2,
        not_reported: 0,
        left_out: { invalid_id_number: 1, repeat_person: 1 },
      });
      // Loading drops the staged tables.
      await loadStagedFile(w.connection, staged, { runId: 'test', now: new Date() });
    });
  });
});
