/**
 * Rasterises a chart's SVG to PNG with resvg (for Word, Excel and a PNG per chart). Chinese needs a
 * CJK font: the system's fonts are loaded (`.ci/run` installs fonts-noto-cjk) and Noto Sans CJK SC is
 * the default family, so text never falls back to a font without Chinese glyphs.
 */
import { Resvg } from '@resvg/resvg-js';

/** Family resvg uses for text whose own families are not installed. */
export const PNG_DEFAULT_FONT = 'Noto Sans CJK SC';

/** PNG bytes of `svg`, scaled by `scale` (2 gives print resolution for an A4 page width). */
export function renderChartPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: PNG_DEFAULT_FONT, sansSerifFamily: PNG_DEFAULT_FONT },
  });
  return resvg.render().asPng();
}
