/**
 * Which indicators the bulletin's text and its 附表 speak of (issue 13): those with a city figure or a
 * city target, without the helpers — a ratio's numerator and denominator, a net change's base stock —
 * unless such a helper has a target of its own. Pure.
 */
import type { ReportData, ReportIndicator } from '../report-data.ts';

/** The indicators of the text, in catalogue order. */
export function textIndicators(data: ReportData): ReportIndicator[] {
  const helpers = new Set(
    data.indicators
      .flatMap((i) => [i.numeratorCode, i.denominatorCode, i.baseCode])
      .filter((c) => c !== null),
  );
  return data.indicators.filter((i) => {
    const targeted = data.targetedIndicatorCodes.includes(i.code);
    const observed = data.observations.some(
      (o) => o.indicatorCode === i.code && o.regionCode === data.city.code,
    );
    return observed && (targeted || !helpers.has(i.code));
  });
}
