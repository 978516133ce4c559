/**
 * The warehouse's one completion arithmetic (`exact_pct`, behind `completion.completion_pct`,
 * `schedule_pct` and `ahead_pp`) on the worked figures of seed 004: exact decimals, never binary floats.
 */
import { describe, expect, it } from 'vitest';
import { withTestWarehouse } from '../helpers/test-warehouse.ts';

describe('exact_pct', () => {
  it('gives 102.43% and 87.88% from 40.97万 and 35.15万 of 40万, where binary floats give 87.87', async () => {
    await withTestWarehouse(async (w) => {
      expect(
        await w.rows(
          `select round(exact_pct(409700, 400000), 2) as posts, round(exact_pct(351500, 400000), 2) as placed`,
        ),
      ).toEqual([{ posts: '102.43', placed: '87.88' }]);
      // Binary floating point gets this one wrong: 35.15 / 40 * 100 = 87.87499999999999.
      expect(((35.15 / 40) * 100).toFixed(2)).not.toBe('87.88');
    });
  });

  it('has no completion against a zero target', async () => {
    await withTestWarehouse(async (w) => {
      expect(await w.rows(`select exact_pct(5, 0) as pct`)).toEqual([{ pct: null }]);
    });
  });
});
