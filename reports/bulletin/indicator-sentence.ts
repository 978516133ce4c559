/**
 * The bulletin sentence for one indicator, chosen by its kind (SPEC §3): flows and net changes
 * against plan and schedule, stocks against their level, ratios and rates against their floor or ceiling.
 */
import { DEFAULT_PERCENT_PLACES } from '../format-number.ts';
import { flowSentence } from './flow-sentence.ts';
import type { IndicatorFigure } from './indicator-figure.ts';
import { rateSentence } from './rate-sentence.ts';
import { stockSentence } from './stock-sentence.ts';

/** The sentence for `figure`, without the closing punctuation. */
export function indicatorSentence(figure: IndicatorFigure, places = DEFAULT_PERCENT_PLACES.sentence): string {
  switch (figure.indicator.kind) {
    case 'flow':
    case 'net_change':
      return flowSentence(figure, places);
    case 'stock':
      return stockSentence(figure, places);
    case 'ratio':
    case 'rate':
      return rateSentence(figure, places);
  }
}
