/**
 * Rasterises a chart's SVG to PNG with resvg (for Word, Excel and a PNG per chart). Chinese needs a
 * CJK font: the system's fonts are loaded (`.ci/run` installs fonts-noto-cjk) and Noto Sans CJK SC is
 * the default family, so text never falls back to a font without Chinese glyphs.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Family resvg uses for text whose own families are not installed. */
export const PNG_DEFAULT_FONT = 'Noto Sans CJK SC';

/** Where Debian's fonts-noto-cjk puts Noto Sans CJK. */
const NOTO_SANS_CJK = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

/**
 * Noto Sans CJK alone when installed where Debian puts it (loading every system font costs about a
 * second per chart); otherwise every system font.
 */
const FONT_FILES = NOTO_SANS_CJK.every((f) => existsSync(f))
  ? { loadSystemFonts: false, fontFiles: NOTO_SANS_CJK }
  : { loadSystemFonts: true };

/** resvg's font options for charts: the CJK font, as the default and as sans-serif. */
export function fontOptions() {
  return { ...FONT_FILES, defaultFontFamily: PNG_DEFAULT_FONT, sansSerifFamily: PNG_DEFAULT_FONT };
}

/** PNG bytes of `svg`, scaled by `scale` (2 gives print resolution for an A4 page width). */
export function renderChartPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: fontOptions(),
  });
  return resvg.render().asPng();
}
