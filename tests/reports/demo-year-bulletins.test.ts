// @module-tag sample-year
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keySentence } from '../../cli/commands/demo.ts';
import { countsAddUp } from '../../core/file-counts.ts';
import { runDemo } from '../../pipelines/run-demo.ts';
import { createMemoryLog } from '../../pipelines/run-log.ts';
import { unbalancedClauses } from './printed-arithmetic.ts';

describe('unbalancedClauses (a reader’s check of printed arithmetic)', () => {
  it('finds the sentences issue 13 measured on main', () => {
    expect(unbalancedClauses('完成年计划的76.6%，慢于时序进度6.8个百分点', 10)).toHaveLength(1);
    expect(unbalancedClauses('完成年计划的58.4%，与时序进度持平', 7)).toHaveLength(1);
    expect(unbalancedClauses('结案率为93.0%，低于93%的目标', 10)).toHaveLength(1);
    expect(unbalancedClauses('结案率为91.8%，未达到93%的目标，低1.3个百分点', 10)).toHaveLength(0);
    expect(unbalancedClauses('完成年计划的76.6%，慢于时序进度6.7个百分点', 10)).toEqual([]);
    expect(unbalancedClauses('| 79.51% | 83.33% | -3.83 | — |', 10)).toHaveLength(1);
  });

  it('passes the golden October bulletin', () => {
    const golden = readFileSync(path.join(import.meta.dirname, 'golden', 'bulletin-2022-10.md'), 'utf8');
    expect(unbalancedClauses(golden, 10)).toEqual([]);
  });
});

// Issue 13 "done when": every bulletin of the demo year adds up as printed.
describe('the demo year’s bulletins', () => {
  it('have no sentence or table row that does not add up as printed', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'kpi-demo-'));
    // The demo says each month as it ends (issue 25: "the demo talks"), not all twelve at the end.
    const told: string[] = [];
    const demo = await runDemo({
      outDir: out,
      log: createMemoryLog(),
      onMonth: (m) => {
        expect(m.files).toBeGreaterThan(0);
        told.push(`${m.month}:${m.result.outcomes.length}`);
      },
    });
    expect(told).toEqual(demo.runs.map((r) => `${r.month}:${r.result.outcomes.length}`));
    expect(told[0]).toMatch(/^2022-01:/);
    // Issue 22: every file of the demo is accounted for, and what is loaded stored something.
    for (const { result } of demo.runs)
      for (const o of result.outcomes) {
        expect(countsAddUp(o.counts), o.file).toBe(true);
        if (o.status === 'loaded' || o.status === 'revised')
          expect(o.counts.stored, o.file).toBeGreaterThan(0);
      }
    const december = readFileSync(path.join(demo.config.reports, 'bulletin-2022-12.md'), 'utf8');
    expect(keySentence(december)).toMatch(/^一是.+城镇新增就业/);
    const files = readdirSync(demo.config.reports).filter((f) => /^bulletin-\d{4}-\d{2}\.md$/.test(f));
    expect(files).toHaveLength(12);
    const bad = files.flatMap((f) => {
      const month = Number(/-(\d{2})\.md$/.exec(f)![1]);
      return unbalancedClauses(readFileSync(path.join(demo.config.reports, f), 'utf8'), month).map(
        (clause) => `${f}: ${clause}`,
      );
    });
    expect(bad).toEqual([]);
  }, 900_000);
});
