/**
 * The bulletin sentence for one indicator, chosen by its kind (SPEC §3): flows and net changes
 * against plan and schedule, stocks against their level, ratios and rates against their floor or
 * ceiling. Each comes as a lead ("1-10月，全市") and a clause, so themed items can share one lead.
 */
import { DEFAULT_PERCENT_PLACES } from '../../figures/format-number.ts';
import { flowClause, flowLead } from './flow-sentence.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { rateClause, rateLead } from './rate-sentence.ts';
import { stockClause, stockLead } from './stock-sentence.ts';

/** The lead of `figure`'s sentence: when and where ("1-10月，全市", "截至10月底，全市"). */
export function indicatorLead(figure: IndicatorFigure): string {
  switch (figure.indicator.kind) {
    case 'flow':
    case 'net_change':
      return flowLead(figure);
    case 'stock':
      return stockLead(figure);
    case 'ratio':
    case 'rate':
      return rateLead(figure);
  }
}

/** The clause of `figure`'s sentence, without lead and closing punctuation. */
export function indicatorClause(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  switch (figure.indicator.kind) {
    case 'flow':
    case 'net_change':
      return flowClause(figure, places);
    case 'stock':
      return stockClause(figure, places);
    case 'ratio':
    case 'rate':
      return rateClause(figure, places);
  }
}

/** The sentence for `figure`, without the closing punctuation. */
export function indicatorSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  return `${indicatorLead(figure)}${indicatorClause(figure, places)}`;
}
