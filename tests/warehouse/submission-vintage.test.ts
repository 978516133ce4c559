/**
 * Submission tracking (every district expected every month, with deadline and status) and
 * vintages (values as first published, as of an instant, and the revisions between them).
 */
import { describe, expect, it } from 'vitest';
import { withTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';

async function received(
  w: TestWarehouse,
  region: string,
  period: string,
  at: string,
  status = 'loaded',
  hash?: string,
) {
  await w.connection.run(
    `INSERT INTO source_file (file_hash, file_name, source_kind, source_name, region_code, period, status, received_at, run_id)
     VALUES ($1, $2, 'return', 'district_return', $3, CAST($4 AS DATE), $5, CAST($6 AS TIMESTAMPTZ), 'test')`,
    [hash ?? `${region}-${at}`, `${region}-${period}.xlsx`, region, `${period}-01`, status, at],
  );
}

describe('submission', () => {
  it('expects every district for every month from the first return to the latest, with status and deadline', async () => {
    await withTestWarehouse(async (w) => {
      await received(w, '370202', '2022-09', '2022-10-05T23:59:59+08:00');
      await received(w, '370202', '2022-10', '2022-11-06T08:00:00+08:00');
      await received(w, '370203', '2022-10', '2022-11-02T08:00:00+08:00');
      await received(w, '370203', '2022-10', '2022-11-08T08:00:00+08:00', 'revised');
      await received(w, '370211', '2022-10', '2022-11-03T08:00:00+08:00', 'rejected');
      const rows = await w.rows(
        `SELECT region_code, strftime(period, '%Y-%m') AS p, status, strftime(deadline, '%m-%d') AS deadline, on_time,
           returns_loaded, returns_rejected
         FROM submission_as_of(TIMESTAMPTZ '2022-11-10 12:00:00+08', 5, NULL, 'Asia/Shanghai')
         WHERE region_code IN ('370202', '370203', '370211', '370212') ORDER BY region_code, period`,
      );
      expect(rows).toEqual([
        {
          region_code: '370202',
          p: '2022-09',
          status: 'on_time',
          deadline: '10-05',
          on_time: true,
          returns_loaded: '1',
          returns_rejected: '0',
        },
        {
          region_code: '370202',
          p: '2022-10',
          status: 'late',
          deadline: '11-05',
          on_time: false,
          returns_loaded: '1',
          returns_rejected: '0',
        },
        {
          region_code: '370203',
          p: '2022-09',
          status: 'missing',
          deadline: '10-05',
          on_time: null,
          returns_loaded: '0',
          returns_rejected: '0',
        },
        {
          region_code: '370203',
          p: '2022-10',
          status: 'revised',
          deadline: '11-05',
          on_time: true,
          returns_loaded: '2',
          returns_rejected: '0',
        },
        {
          region_code: '370211',
          p: '2022-09',
          status: 'missing',
          deadline: '10-05',
          on_time: null,
          returns_loaded: '0',
          returns_rejected: '0',
        },
        {
          region_code: '370211',
          p: '2022-10',
          status: 'rejected',
          deadline: '11-05',
          on_time: null,
          returns_loaded: '0',
          returns_rejected: '1',
        },
        {
          region_code: '370212',
          p: '2022-09',
          status: 'missing',
          deadline: '10-05',
          on_time: null,
          returns_loaded: '0',
          returns_rejected: '0',
        },
        {
          region_code: '370212',
          p: '2022-10',
          status: 'missing',
          deadline: '11-05',
          on_time: null,
          returns_loaded: '0',
          returns_rejected: '0',
        },
      ]);
      // Before the deadline nothing is missing yet; the 10 districts × 2 months are all expected.
      const early = await w.rows(
        `SELECT status, count(*) AS n FROM submission_as_of(TIMESTAMPTZ '2022-11-03 12:00:00+08', 5, NULL, 'Asia/Shanghai')
         WHERE period = DATE '2022-10-01' GROUP BY status ORDER BY status`,
      );
      expect(early).toEqual([
        { status: 'on_time', n: '1' },
        { status: 'pending', n: '8' },
        { status: 'rejected', n: '1' },
      ]);
    });
  });

  it('uses the recorded deadline day in the public view', async () => {
    await withTestWarehouse(async (w) => {
      await received(w, '370202', '2022-10', '2022-11-06T08:00:00+08:00');
      await w.connection.run(`INSERT INTO setting VALUES ('deadline_day', '10')`);
      const rows = await w.rows(
        `SELECT source_file, status, on_time, strftime(deadline, '%Y-%m-%d') AS deadline FROM submission WHERE region_code = '370202'`,
      );
      expect(rows).toEqual([
        { source_file: '370202-2022-10.xlsx', status: 'on_time', on_time: true, deadline: '2022-11-10' },
      ]);
    });
  });

  it('lists a month asked for even when no return arrived', async () => {
    await withTestWarehouse(async (w) => {
      const rows = await w.rows(
        `SELECT count(*) AS n, min(status) AS status
         FROM submission_as_of(TIMESTAMPTZ '2022-12-10 00:00:00+08', 5, DATE '2022-11-01', 'Asia/Shanghai')`,
      );
      expect(rows).toEqual([{ n: '10', status: 'missing' }]);
    });
  });
});

describe('vintages and revisions', () => {
  const FIRST = new Date('2022-11-03T10:00:00+08:00');
  const SECOND = new Date('2022-11-08T10:00:00+08:00');

  async function revised(w: TestWarehouse) {
    await w.facts(
      [
        {
          indicator: 'urban_new_jobs',
          region: '370202',
          month: '2022-10',
          measure: 'ytd',
          value: '1000',
          fileHash: 'a',
        },
      ],
      FIRST,
    );
    await w.facts(
      [
        {
          indicator: 'urban_new_jobs',
          region: '370202',
          month: '2022-10',
          measure: 'ytd',
          value: '1200',
          fileHash: 'b',
        },
      ],
      SECOND,
    );
    await received(w, '370202', '2022-10', FIRST.toISOString(), 'loaded', 'a');
    await received(w, '370202', '2022-10', SECOND.toISOString(), 'revised', 'b');
  }

  it('keeps the value as first published and as now', async () => {
    await withTestWarehouse(async (w) => {
      await revised(w);
      const rows = await w.rows(
        `SELECT vintage, value, first_value, current_value, is_current, valid_to IS NULL AS open FROM observation_vintage
         WHERE indicator_code = 'urban_new_jobs' ORDER BY vintage`,
      );
      expect(rows).toEqual([
        {
          vintage: '1',
          value: '1000.000000',
          first_value: '1000.000000',
          current_value: '1200.000000',
          is_current: false,
          open: false,
        },
        {
          vintage: '2',
          value: '1200.000000',
          first_value: '1000.000000',
          current_value: '1200.000000',
          is_current: true,
          open: true,
        },
      ]);
    });
  });

  it('replays observation and completion as they stood at an instant', async () => {
    await withTestWarehouse(async (w) => {
      await revised(w);
      const at = async (ts: string) =>
        w.rows(
          `SELECT region_code, ytd_value FROM observation_as_of(CAST($1 AS TIMESTAMPTZ))
           WHERE indicator_code = 'urban_new_jobs' ORDER BY region_code`,
          [ts],
        );
      expect(await at('2022-11-02 00:00:00+08')).toEqual([]);
      expect(await at('2022-11-05 00:00:00+08')).toEqual([
        { region_code: '370200', ytd_value: '1000.000000' },
        { region_code: '370202', ytd_value: '1000.000000' },
      ]);
      expect(await at('2022-11-09 00:00:00+08')).toEqual([
        { region_code: '370200', ytd_value: '1200.000000' },
        { region_code: '370202', ytd_value: '1200.000000' },
      ]);
      // The city row is a partial roll-up (one district of ten): it never reaches completion; the district's does.
      await w.connection.run(
        `INSERT INTO dim_target (indicator_code, region_code, start_year, end_year, basis, target_value, direction, source,
           issuer, due_period, approximate, loaded_from, loaded_at)
         VALUES ('urban_new_jobs', '370202', 2022, 2022, 'annual', 10000, 'at_least', 'test', '市定', DATE '2022-12-01',
           false, 'test', now())`,
      );
      const completion = await w.rows(
        `SELECT region_code, actual FROM completion_as_of(TIMESTAMPTZ '2022-11-05 00:00:00+08')
         WHERE indicator_code = 'urban_new_jobs' AND start_year = 2022`,
      );
      expect(completion).toEqual([{ region_code: '370202', actual: '1000.000000' }]);
    });
  });

  it('lists the revision with both values and both files', async () => {
    await withTestWarehouse(async (w) => {
      await revised(w);
      const rows = await w.rows(
        `SELECT indicator_code, region_code, measure, old_value, new_value, change, revised_at = $1 AS at_second, old_file, new_file
         FROM revision`,
        [SECOND.toISOString()],
      );
      expect(rows).toEqual([
        {
          indicator_code: 'urban_new_jobs',
          region_code: '370202',
          measure: 'ytd',
          old_value: '1000.000000',
          new_value: '1200.000000',
          change: '200.000000',
          at_second: true,
          old_file: '370202-2022-10.xlsx',
          new_file: '370202-2022-10.xlsx',
        },
      ]);
    });
  });
});
