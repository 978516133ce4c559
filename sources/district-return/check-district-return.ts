/**
 * The SPEC §7 errors that can be decided from one return (and last month's YTD already in the
 * warehouse): negative counts, YTD below last month's, month and YTD disagreeing, numerator above
 * denominator, child above parent; plus a warning when a printed rate disagrees with its parts.
 */
import { Decimal } from 'decimal.js';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { finding, type Finding, type FindingParams } from '../../core/finding.ts';
import type { Measure } from '../../core/measure.ts';
import { periodMonth, periodOf, periodYear, type Period } from '../../core/period.ts';
import path from 'node:path';
import type { StagedReturn } from '../../warehouse/staged-file.ts';
import type { ParsedValue } from './parse-district-return.ts';

/**
 * Findings about the return's figures. `previousYtd` holds, per flow indicator, the YTD of the month
 * before the report month as the warehouse has it (used when the return does not give it itself).
 */
export function checkDistrictReturn(
  parsed: Pick<StagedReturn, 'file' | 'region' | 'period' | 'values'>,
  catalogue: Catalogue,
  previousYtd: ReadonlyMap<string, Decimal>,
): Finding[] {
  const { period } = parsed;
  if (!period) return [];
  const findings: Finding[] = [];
  const byKey = new Map(parsed.values.map((v) => [key(v.indicatorCode, v.period, v.measure), v]));
  const get = (code: string, p: Period, measure: Measure) => byKey.get(key(code, p, measure));
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const report = <C extends CellCode>(
    code: C,
    at: ParsedValue,
    params: FindingParams[C],
    severity: Finding['severity'] = 'error',
  ) =>
    findings.push(
      finding(
        code,
        severity,
        params,
        { file: path.basename(parsed.file), sheet: at.sheet, cell: at.cell },
        {
          input: `${at.label} = ${at.value.toString()}`,
          regionCode: parsed.region ?? undefined,
          period: at.period,
          indicatorCode: at.indicatorCode,
        },
      ),
    );

  for (const v of parsed.values)
    if (v.value.isNegative() && indicators.get(v.indicatorCode)?.kind !== 'net_change')
      report('negative_value', v, { kind: 'cell', label: v.label, value: v.value.toString() });

  const month = periodMonth(period);
  const monthKey = (m: number) => periodOf(periodYear(period), m);
  const flows = new Set(
    parsed.values.filter((v) => indicators.get(v.indicatorCode)?.kind === 'flow').map((v) => v.indicatorCode),
  );
  for (const code of flows) {
    const ytd = get(code, period, 'ytd');
    const own = get(code, period, 'month');
    const previous = previousFromReturn(code, month, monthKey, get) ?? previousYtd.get(code);
    if (ytd && previous !== undefined && ytd.value.lt(previous))
      report('ytd_decreased', ytd, {
        label: ytd.label,
        month,
        ytd: ytd.value.toString(),
        previous: previous.toString(),
      });
    if (ytd && own) {
      const expected = previous === undefined ? null : ytd.value.minus(previous);
      if (own.value.gt(ytd.value) || (expected !== null && !expected.eq(own.value)))
        report('month_ytd_mismatch', own, {
          label: own.label,
          monthValue: own.value.toString(),
          ytd: ytd.value.toString(),
          previous: previous === undefined ? null : previous.toString(),
          expected: expected === null ? null : expected.toString(),
        });
    }
  }

  for (const indicator of catalogue.indicators) {
    const pairs: Array<[string | null, 'numerator_above_denominator' | 'child_above_parent', string]> = [
      [indicator.numeratorCode, 'numerator_above_denominator', 'denominator'],
      [indicator.code, 'child_above_parent', 'parent'],
    ];
    for (const [partCode, code, role] of pairs) {
      const wholeCode = role === 'parent' ? indicator.parentCode : indicator.denominatorCode;
      if (!partCode || !wholeCode) continue;
      for (const part of parsed.values) {
        if (part.indicatorCode !== partCode) continue;
        const whole = get(wholeCode, part.period, part.measure);
        if (whole && part.value.gt(whole.value))
          report(code, part, {
            label: part.label,
            value: part.value.toString(),
            wholeLabel: whole.label,
            wholeValue: whole.value.toString(),
            wholeAt: `${whole.sheet}!${whole.cell}`,
          });
      }
    }
    if (indicator.kind === 'ratio' && indicator.numeratorCode && indicator.denominatorCode) {
      for (const rate of parsed.values) {
        if (rate.indicatorCode !== indicator.code || rate.measure !== 'level') continue;
        const part = (c: string) => get(c, rate.period, 'ytd') ?? get(c, rate.period, 'level');
        const num = part(indicator.numeratorCode);
        const den = part(indicator.denominatorCode);
        if (!num || !den || den.value.isZero()) continue;
        const computed = num.value
          .times(100)
          .div(den.value)
          .toDecimalPlaces(rate.value.decimalPlaces(), Decimal.ROUND_HALF_UP);
        if (!computed.eq(rate.value))
          report(
            'rate_components_mismatch',
            rate,
            {
              label: rate.label,
              printed: rate.value.toString(),
              numeratorLabel: num.label,
              denominatorLabel: den.label,
              computed: computed.toString(),
            },
            'warning',
          );
      }
    }
  }
  return findings;
}

/** Last month's YTD as the return itself gives it (its own 1-(N−1)月 column or months 1..N−1), if it does. */
function previousFromReturn(
  code: string,
  month: number,
  monthKey: (m: number) => Period,
  get: (code: string, p: Period, m: Measure) => ParsedValue | undefined,
): Decimal | undefined {
  if (month === 1) return new Decimal(0);
  const ytd = get(code, monthKey(month - 1), 'ytd');
  if (ytd) return ytd.value;
  let sum = new Decimal(0);
  for (let m = 1; m < month; m++) {
    const own = get(code, monthKey(m), 'month');
    if (!own) return undefined;
    sum = sum.plus(own.value);
  }
  return sum;
}

/** The codes this check reports about a cell. */
type CellCode =
  | 'negative_value'
  | 'ytd_decreased'
  | 'month_ytd_mismatch'
  | 'numerator_above_denominator'
  | 'child_above_parent'
  | 'rate_components_mismatch';

function key(code: string, period: Period, measure: string): string {
  return `${code}|${period}|${measure}`;
}
