import { describe, expect, it } from 'vitest';
import { maskNationalIds, maskNationalIdsDeep } from '../../core/mask-national-ids.ts';

describe('maskNationalIds', () => {
  it('masks 18- and 15-character IDs wherever they sit in a text, keeping region code and last four', () => {
    expect(maskNationalIds('登记日期不是日期：370202199001011234')).toBe(
      '登记日期不是日期：370202********1234',
    );
    expect(maskNationalIds('1,王,小,明,37020219900101123X,男')).toBe('1,王,小,明,370202********123X,男');
    expect(maskNationalIds('"370202900101123" and 370203199512310021.')).toBe(
      '"370202*****1123" and 370203********0021.',
    );
  });

  it('masks every written form: spaces, full-width digits, a letter beside it, lower-case x, 15 digits', () => {
    const forms: [string, string][] = [
      ['370202 19770707 5559', '370202********5559'],
      ['370202　1977　0707　5559', '370202********5559'],
      ['３７０２０３１９８４０３１２８８４３', '370203********8843'],
      ['３７０２０３ １９８４０３１２ ８８４３', '370203********8843'],
      ['ID370211199201011238', 'ID370211********1238'],
      ['370212198811300071a', '370212********0071a'],
      ['37021419910601080x', '370214********080X'],
      ['37021419910601080xyz', '370214********080Xyz'],
      ['370203900517213', '370203*****7213'],
      ['370203 900517 213', '370203*****7213'],
      ['身份证号:370281197502153010号', '身份证号:370281********3010号'],
      // Written by hand with hyphens, a slash or a dot (issue 22 review).
      ['370202-19770707-5559', '370202********5559'],
      ['370202－19770707－5559', '370202********5559'],
      ['370202/197707075559', '370202********5559'],
      ['本月370202.197707075559', '本月370202********5559'],
    ];
    for (const [written, expected] of forms)
      expect(maskNationalIds(`【${written}】`)).toBe(`【${expected}】`);
  });

  it('finds a grouped ID beside a date or a region code, and masks only the ID', () => {
    expect(maskNationalIds('20221008 370202 19770707 5559 370202')).toBe(
      '20221008 370202********5559 370202',
    );
    expect(maskNationalIds('2022-10-08 370202197707075559')).toBe('2022-10-08 370202********5559');
  });

  it('leaves other numbers alone: shorter, longer, region codes and dates side by side, codes', () => {
    const text =
      '2022-10-08 370202 12345678901234567890 91370200MA3C4X5Y6Z 共35200人 370202 370203 370211 20221008 20221031 0532 8888 1234';
    expect(maskNationalIds(text)).toBe(text);
  });

  it('masks every string inside findings’ parameters', () => {
    expect(maskNationalIdsDeep({ examples: ['370202 19770707 5559'], n: 3 })).toEqual({
      examples: ['370202********5559'],
      n: 3,
    });
  });
});

describe('maskNationalIds on hostile text', () => {
  it('takes linear time on long runs of digits and of digit groups', () => {
    const digits = '1'.repeat(200_000);
    const groups = '0 '.repeat(100_000);
    const started = performance.now();
    expect(maskNationalIds(digits)).toBe(digits);
    expect(maskNationalIds(groups)).toBe(groups);
    // Fifteen 1s spell 111111-111111-111: every window masked, still one pass.
    expect(maskNationalIds('1 '.repeat(100_000))).toMatch(/^111111\*+1111 $/);
    // Quadratic work would take hours here; linear takes about a second on a busy machine.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
