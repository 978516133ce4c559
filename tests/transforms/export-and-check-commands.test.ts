/**
 * `kpi export` writes the time series as Parquet, CSV (with BOM) and Arrow IPC that read back to the
 * warehouse's figures; `kpi check` prints findings grouped by severity and region, exit 0.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { withWarehouse } from '../../warehouse/open-warehouse.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kpi-export-'));
  db = path.join(dir, 'w.duckdb');
  await withTestWarehouse(async (w) => {
    await w.facts([
      { indicator: 'urban_new_jobs', region: '370202', month: '2022-09', measure: 'ytd', value: '1000' },
      { indicator: 'urban_new_jobs', region: '370202', month: '2022-10', measure: 'ytd', value: '1250.5' },
      { indicator: 'urban_new_jobs', region: '370200', month: '2022-10', measure: 'ytd', value: '800000' },
    ]);
  }, db);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function kpi(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const code = await main(['node', 'kpi', '--db', db, ...args], {
    stdout: sink((s) => (stdout += s)) as unknown as typeof process.stdout,
    stderr: sink((s) => (stderr += s)) as unknown as typeof process.stderr,
  });
  return { code, stdout, stderr };
}

describe('kpi export', () => {
  it('writes Parquet, CSV with a BOM and Arrow IPC holding the same figures', async () => {
    const out = path.join(dir, 'out');
    const run = await kpi('export', '--format', 'parquet,csv,arrow', '--out', out);
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((f) => path.basename(f)),
    ).toEqual([
      'timeseries_long.parquet',
      'timeseries_long.csv',
      'timeseries_long.arrow',
      'timeseries_wide.parquet',
      'timeseries_wide.csv',
      'timeseries_wide.arrow',
      'completion.parquet',
      'completion.csv',
      'completion.arrow',
    ]);

    const parquet = await withWarehouse(':memory:', {}, async ({ connection }) => {
      const reader = await connection.runAndReadAll(
        `SELECT region_name, "9月", "10月", typeof("10月") AS t FROM read_parquet($1) WHERE region_code = '370202'`,
        [path.join(out, 'timeseries_wide.parquet')],
      );
      return reader.getRowObjectsJson();
    });
    expect(parquet).toEqual([
      { region_name: '市南区', '9月': '1000.000000', '10月': '1250.500000', t: 'DECIMAL(38,6)' },
    ]);

    const csv = await readFile(path.join(out, 'timeseries_long.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'indicator_code,indicator_name,category,kind,unit,region_code,region_name,period,year,month,ytd_value,month_value,origin',
    );
    expect(lines).toContain(
      'urban_new_jobs,城镇新增就业,就业创业,flow,人,370202,市南区,2022-10-01,2022,10,1250.500000,250.500000,reported',
    );

    const arrow = tableFromIPC(await readFile(path.join(out, 'timeseries_long.arrow')));
    expect(arrow.numRows).toBe(4); // 370202 Sep and Oct; city Oct (reported) and Sep (rolled up)
    const rows = arrow.toArray().map((r) => r.toJSON());
    const october = rows.find((r) => r.region_code === '370202' && r.month === 10n)!;
    expect(october.region_name).toBe('市南区');
    const decimal = arrow.schema.fields.find((f) => f.name === 'ytd_value')!.type as {
      precision: number;
      scale: number;
    };
    expect([decimal.precision, decimal.scale]).toEqual([38, 6]);
    // decimal128 words of 1250.5 × 10^6 = 1250500000
    expect(Array.from(october.ytd_value as Uint32Array)).toEqual([1250500000, 0, 0, 0]);
    expect(new Date(october.period as number).toISOString()).toBe('2022-10-01T00:00:00.000Z');
  });

  it('rejects an unknown format as a usage error', async () => {
    const run = await kpi('export', '--format', 'xlsx', '--out', path.join(dir, 'x'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format takes parquet,csv,arrow');
  });
});

describe('kpi check', () => {
  it('prints the findings grouped by severity and region and exits 0', async () => {
    const run = await kpi('check', '--period', '2022-10');
    expect(run.code).toBe(0);
    // No district return has arrived for 2022-10: ten missing returns, and the implausible city figure.
    expect(run.stdout).toContain('9 checks for 2022-10: 7 passed, 2 with findings; 11 current findings');
    expect(run.stdout).toContain(
      [
        '警告（核实性审核，请核实） 11',
        '  青岛市 370200',
        '    [above_twice_target] 2022-10 青岛市2022年10月城镇新增就业为800000人，超过2022年目标350000人的两倍（完成228.6%），请核实',
        '  市南区 370202',
        '    [missing_return] 2022-10 市南区2022年10月报表截至2022-11-05未报送',
      ].join('\n'),
    );
    const json = await kpi('check', '--json');
    // Without --period the months expected are those any return was received for: none here.
    expect(JSON.parse(json.stdout).map((r: { rule: string }) => r.rule)).toEqual(['above_twice_target']);
  });
});
