/**
 * Issue 11: `kpi check --period M` refreshes that month's findings and keeps the other months'; a
 * figure about 1/10,000 of last month's is flagged as a likely unit slip.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config.ts';
import type { Period } from '../../core/period.ts';
import { runChecks } from '../../transforms/run-checks.ts';
import { fact, withTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';

const config = configSchema.parse({});

async function check(w: TestWarehouse, runId: string, at: string, period?: Period) {
  await runChecks(w.connection, { runId, now: new Date(at), config, period });
}

const findings = (w: TestWarehouse) =>
  w.rows(
    `select rule, region_code, strftime(period, '%Y-%m') as period from quality_finding
     where origin = 'check' and rule in ('month_over_month_jump', 'unit_slip') order by period, rule`,
  );

describe('issue 11: check findings per month', () => {
  it('keeps September’s findings when October is checked again, and drops October’s once fixed', async () => {
    await withTestWarehouse(async (w) => {
      // 李沧区 失业保险参保人数: a jump in September, a unit slip (万人 read as 人) in October.
      await w.facts([
        fact('失业保险参保人数', '李沧区', '2022-08', 'level', 1000),
        fact('失业保险参保人数', '李沧区', '2022-09', 'level', 2000),
        fact('失业保险参保人数', '李沧区', '2022-10', 'level', '0.2010'),
      ]);
      await check(w, 'all', '2022-11-10T12:00:00+08:00');
      expect(await findings(w)).toEqual([
        { rule: 'month_over_month_jump', region_code: '370213', period: '2022-09' },
        { rule: 'month_over_month_jump', region_code: '370213', period: '2022-10' },
        { rule: 'unit_slip', region_code: '370213', period: '2022-10' },
      ]);
      const [slip] = await w.rows(`select message from quality_finding where rule = 'unit_slip'`);
      expect(slip!.message).toContain('李沧区2022年10月失业保险参保人数为0.201人，约为上月2000人的万分之一');

      // The district corrects October; checking October only leaves September's finding in place.
      await w.facts(
        [fact('失业保险参保人数', '李沧区', '2022-10', 'level', 2010)],
        new Date('2022-11-11T10:00:00+08:00'),
      );
      await check(w, 'oct', '2022-11-11T12:00:00+08:00', '2022-10');
      expect(await findings(w)).toEqual([
        { rule: 'month_over_month_jump', region_code: '370213', period: '2022-09' },
      ]);
    });
  });
});
