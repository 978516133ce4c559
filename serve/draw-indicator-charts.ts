/**
 * The indicator page's charts, drawn on the server with Apache ECharts to inline SVG (no script in
 * the browser): the city's monthly figure against its target and the 时序进度 line, and the
 * districts ranked by completion. Values are plotted in the indicator's display unit.
 */
import { monthLabel } from '../core/period.ts';
import { Decimal } from 'decimal.js';
import type { EChartsOption, SeriesOption } from 'echarts';
import { CHART_FONT_FAMILY } from '../figures/chart-options.ts';
import { renderChartSvg } from '../figures/render-chart-svg.ts';
import { displayFactor } from '../figures/format-number.ts';
import { trusted, type SafeHtml } from './html.ts';
import type { IndicatorPage } from '../warehouse/read-indicator-page.ts';

/** Render one option with the reports' chart renderer, as an SVG that scales with its container. */
function renderSvg(option: EChartsOption, width: number, height: number, idPrefix: string): SafeHtml {
  const svg = renderChartSvg(
    { animation: false, textStyle: { fontFamily: CHART_FONT_FAMILY }, ...option },
    { width, height },
    idPrefix,
  );
  // A viewBox lets the inline SVG shrink to a phone's width instead of overflowing it.
  return trusted(
    svg.includes('viewBox') ? svg : svg.replace('<svg ', `<svg viewBox="0 0 ${width} ${height}" `),
  );
}

function inUnit(page: IndicatorPage, value: string | Decimal | null): number | null {
  if (value === null) return null;
  const isRate = page.indicator.kind === 'ratio' || page.indicator.kind === 'rate';
  const factor = isRate ? new Decimal(1) : displayFactor(page.indicator.displayUnit);
  return new Decimal(value).dividedBy(factor).toDecimalPlaces(4).toNumber();
}

/** Both charts of the page; a chart with nothing to show is null. */
export function drawIndicatorCharts(page: IndicatorPage): {
  series: SafeHtml | null;
  ranking: SafeHtml | null;
} {
  const { indicator } = page;
  const isRate = indicator.kind === 'ratio' || indicator.kind === 'rate';
  const isFlow = indicator.kind === 'flow' || indicator.kind === 'net_change';
  const unit = isRate ? '%' : indicator.displayUnit;
  const city = page.regions.find((r) => r.level === 'city');
  const months = [...new Set(page.series.map((s) => s.month))].sort();
  const cityPoints = new Map(page.series.filter((s) => s.regionCode === city?.code).map((s) => [s.month, s]));
  const schedule = new Map(page.citySchedule.map((c) => [c.month, c]));

  const series: SeriesOption[] = [];
  if (cityPoints.size > 0)
    series.push({
      name: `${city?.nameZh ?? '全市'}`,
      type: 'line',
      data: months.map((m) => inUnit(page, cityPoints.get(m)?.value ?? null)),
      lineStyle: { width: 3 },
      symbolSize: 6,
    });
  if (page.citySchedule.length > 0) {
    series.push({
      name: '目标',
      type: 'line',
      data: months.map((m) => inUnit(page, schedule.get(m)?.targetValue ?? null)),
      lineStyle: { type: 'dashed' },
      symbol: 'none',
    });
    if (isFlow)
      series.push({
        name: '按时序进度',
        type: 'line',
        data: months.map((m) => {
          const s = schedule.get(m);
          return s?.schedulePct
            ? inUnit(page, new Decimal(s.targetValue).times(s.schedulePct).dividedBy(100))
            : null;
        }),
        lineStyle: { type: 'dotted' },
        symbol: 'none',
      });
  }
  const seriesChart =
    series.length === 0
      ? null
      : renderSvg(
          {
            title: { text: `${indicator.nameZh}（${unit}）`, left: 'center', textStyle: { fontSize: 15 } },
            legend: { bottom: 0 },
            grid: { left: 60, right: 20, top: 40, bottom: 50 },
            xAxis: { type: 'category', data: months.map(monthLabel) },
            yAxis: { type: 'value', scale: isRate },
            series,
          },
          720,
          320,
          'series',
        );

  const ranked = page.ranking.filter((r) => (isRate ? r.actual : r.completionPct) !== null);
  const cityPct = page.month ? schedule.get(page.month)?.schedulePct : null;
  const rankingChart =
    ranked.length === 0
      ? null
      : renderSvg(
          {
            title: {
              text: isRate ? `各区市${indicator.nameZh}（%）` : `各区市完成目标（%）`,
              left: 'center',
              textStyle: { fontSize: 15 },
            },
            grid: { left: 80, right: 50, top: 40, bottom: 20 },
            // Bars start at zero: a cut axis would make 90.47% look a fraction of 96%.
            xAxis: { type: 'value' },
            yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.nameZh) },
            series: [
              {
                type: 'bar',
                data: ranked.map((r) =>
                  new Decimal((isRate ? r.actual : r.completionPct)!).toDecimalPlaces(2).toNumber(),
                ),
                // Two decimals, as the table beside it prints them (96.00%, not 96%).
                label: {
                  show: true,
                  position: 'right',
                  formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(2)}%`,
                },
                markLine:
                  isFlow && cityPct
                    ? {
                        symbol: 'none',
                        label: { formatter: '时序进度' },
                        data: [{ xAxis: new Decimal(cityPct).toDecimalPlaces(1).toNumber() }],
                      }
                    : isRate && ranked[0] && ranked.every((r) => r.targetValue === ranked[0]!.targetValue)
                      ? {
                          symbol: 'none',
                          label: { formatter: '目标' },
                          data: [{ xAxis: new Decimal(ranked[0].targetValue).toNumber() }],
                        }
                      : undefined,
              },
            ],
          },
          720,
          Math.max(200, 60 + ranked.length * 28),
          'ranking',
        );
  return { series: seriesChart, ranking: rankingChart };
}
