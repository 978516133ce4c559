import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/write-report.ts';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';
import { loadOctober2022 } from './october-2022.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden', 'bulletin-2022-10.md');

describe('writeReport: Markdown', () => {
  it('writes the October 2022 bulletin exactly as the golden file, and the same bytes twice', async () => {
    await withTestWarehouse(async (w) => {
      await loadOctober2022(w);
      const out = await mkdtemp(path.join(tmpdir(), 'kpi-report-'));
      const [file] = await writeReport(w.connection, { period: '2022-10', formats: ['md'], outDir: out });
      const first = await readFile(file!, 'utf8');
      // UPDATE_GOLDEN=1 rewrites the golden file after a deliberate change; review its diff by hand.
      if (process.env.UPDATE_GOLDEN) await writeFile(GOLDEN, first);
      expect(first).toBe(await readFile(GOLDEN, 'utf8'));
      const [again] = await writeReport(w.connection, {
        period: '2022-10',
        formats: ['md'],
        outDir: path.join(out, 'again'),
      });
      expect(await readFile(again!)).toEqual(await readFile(file!));
    });
  });

  // SPEC §3: a province-assigned target (省下达) beside the city's own (市定) is reported too.
  it('adds the province-assigned target of a window after the city’s own, and changes nothing else', async () => {
    await withTestWarehouse(async (w) => {
      await loadOctober2022(w);
      await w.connection.run(
        `INSERT INTO dim_target (indicator_code, region_code, start_year, end_year, basis, target_value, direction,
           source, issuer, due_period, approximate, loaded_from, loaded_at)
         VALUES ('urban_new_jobs', $1, 2022, 2022, 'annual', 330000, 'at_least', '省下达任务（测试）', '省下达',
           DATE '2022-12-01', false, 'test', now())`,
        [w.catalogue.findRegion('青岛市')!.code],
      );
      const out = await mkdtemp(path.join(tmpdir(), 'kpi-report-'));
      const [file] = await writeReport(w.connection, { period: '2022-10', formats: ['md'], outDir: out });
      // 278,270 ÷ 350,000 = 79.5063% → 79.5 (the golden clause); ÷ 330,000 = 84.3242% → 84.3.
      const clause = '完成年计划的79.5%，慢于时序进度3.8个百分点';
      const golden = await readFile(GOLDEN, 'utf8');
      // The key item and the sentence list; the tables, rankings and charts keep the city's own target.
      expect(golden.split(`城镇新增就业27.83万人，${clause}`)).toHaveLength(3);
      expect(await readFile(file!, 'utf8')).toBe(
        golden.replaceAll(
          `城镇新增就业27.83万人，${clause}`,
          `城镇新增就业27.83万人，${clause}，完成省下达任务的84.3%`,
        ),
      );
    });
  });

  it('reproduces a bulletin as published from the vintage of its issue date', async () => {
    await withTestWarehouse(async (w) => {
      await loadOctober2022(w);
      const out = await mkdtemp(path.join(tmpdir(), 'kpi-report-'));
      const [asPublished] = await writeReport(w.connection, {
        period: '2022-09',
        formats: ['md'],
        outDir: path.join(out, 'published'),
        asOf: new Date('2022-10-05T18:00:00+08:00'),
      });
      const [current] = await writeReport(w.connection, { period: '2022-09', formats: ['md'], outDir: out });
      const published = await readFile(asPublished!, 'utf8');
      expect(published).toContain('| 1 | 市南区 | 1.60 | 2.00 | 80.00% | +5.00 |');
      expect(published).toContain('数据截至2022年10月3日10:00入库');
      expect(await readFile(current!, 'utf8')).toContain('| 1 | 市南区 | 1.65 | 2.00 | 82.50% | +7.50 |');
      // The vintage views are gone afterwards: the current state is unchanged.
      expect(
        await w.rows(`SELECT count(*) AS n FROM duckdb_views() WHERE temporary AND NOT internal`),
      ).toEqual([{ n: '0' }]);
    });
  });

  it('writes a month whose flows have only a month value, their YTD not derivable yet', async () => {
    await withTestWarehouse(async (w) => {
      // July's own figure with January–June missing: no YTD, so nothing to print for it.
      await w.facts([
        { indicator: '城镇新增就业', region: '市南区', month: '2022-07', measure: 'month', value: 1200 },
      ]);
      const out = await mkdtemp(path.join(tmpdir(), 'kpi-report-'));
      const [file] = await writeReport(w.connection, { period: '2022-07', formats: ['md'], outDir: out });
      const text = await readFile(file!, 'utf8');
      expect(text).toContain('2022年1-7月');
      expect(text).not.toContain('1200');
    });
  });
});
