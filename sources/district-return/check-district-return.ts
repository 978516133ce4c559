/**
 * The SPEC §7 errors that can be decided from one return (and last month's YTD already in the
 * warehouse): negative counts, YTD below last month's, month and YTD disagreeing, numerator above
 * denominator, child above parent; plus a warning when a printed rate disagrees with its parts.
 */
import { Decimal } from 'decimal.js';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import type { Measure } from '../../warehouse/insert-facts.ts';
import type { Finding } from '../finding.ts';
import type { ParsedReturn, ParsedValue } from './parse-district-return.ts';

/**
 * Findings about the return's figures. `previousYtd` holds, per flow indicator, the YTD of the month
 * before the report month as the warehouse has it (used when the return does not give it itself).
 */
export function checkDistrictReturn(
  parsed: ParsedReturn,
  catalogue: Catalogue,
  previousYtd: ReadonlyMap<string, Decimal>,
): Finding[] {
  const { period } = parsed;
  if (!period) return [];
  const findings: Finding[] = [];
  const byKey = new Map(parsed.values.map((v) => [key(v.indicatorCode, v.period, v.measure), v]));
  const get = (code: string, p: string, measure: Measure) => byKey.get(key(code, p, measure));
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const finding = (code: string, at: ParsedValue, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({
      code,
      severity,
      location: { file: parsed.file, sheet: at.sheet, cell: at.cell },
      input: `${at.label} = ${at.value.toString()}`,
      message,
      regionCode: parsed.region ?? undefined,
      period: at.period,
      indicatorCode: at.indicatorCode,
    });

  for (const v of parsed.values)
    if (v.value.isNegative() && indicators.get(v.indicatorCode)?.kind !== 'net_change')
      finding(
        'negative_value',
        v,
        `${v.label} is negative (${v.value}) at ${v.sheet}!${v.cell}; a count cannot be below 0`,
      );

  const year = period.slice(0, 4);
  const month = Number(period.slice(5));
  const monthKey = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const flows = new Set(
    parsed.values.filter((v) => indicators.get(v.indicatorCode)?.kind === 'flow').map((v) => v.indicatorCode),
  );
  for (const code of flows) {
    const ytd = get(code, period, 'ytd');
    const own = get(code, period, 'month');
    const previous = previousFromReturn(code, month, monthKey, get) ?? previousYtd.get(code);
    if (ytd && previous !== undefined && ytd.value.lt(previous))
      finding(
        'ytd_decreased',
        ytd,
        `${ytd.label}: 1-${month}月累计 ${ytd.value} is below the 1-${month - 1}月累计 ${previous} already reported`,
      );
    if (ytd && own) {
      const expected = previous === undefined ? null : ytd.value.minus(previous);
      if (own.value.gt(ytd.value) || (expected !== null && !expected.eq(own.value)))
        finding(
          'month_ytd_mismatch',
          own,
          `${own.label}: 本月 ${own.value} and 累计 ${ytd.value} disagree` +
            (expected === null ? '' : ` (累计 − last month's 累计 ${previous} = ${expected})`),
        );
    }
  }

  for (const indicator of catalogue.indicators) {
    const pairs: Array<[string | null, string, string]> = [
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
          finding(
            code,
            part,
            `${part.label} ${part.value} is above its ${role} ${whole.label} ${whole.value} (${whole.sheet}!${whole.cell})`,
          );
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
          finding(
            'rate_components_mismatch',
            rate,
            `${rate.label} is printed as ${rate.value}% but ${num.label} ÷ ${den.label} = ${computed}%`,
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
  monthKey: (m: number) => string,
  get: (code: string, p: string, m: Measure) => ParsedValue | undefined,
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

function key(code: string, period: string, measure: string): string {
  return `${code}|${period}|${measure}`;
}
