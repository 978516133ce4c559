/**
 * Rasterises a chart's SVG to PNG with resvg (for Word, Excel and a PNG per chart). Chinese needs a
 * CJK font: Noto Sans CJK (`.ci/run` installs fonts-noto-cjk) is read once per thread and handed to
 * resvg as bytes, and is the default family, so text never falls back to a font without Chinese
 * glyphs. resvg runs as WebAssembly: the native build re-reads a font *file* for every run of text
 * (tens of megabytes each, about 13 s for a chart page), where bytes in memory are read once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { encodePng } from './encode-png.ts';

await initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')));

/** Family resvg uses for text whose own families are not installed. */
export const PNG_DEFAULT_FONT = 'Noto Sans CJK SC';

/** Where Debian's fonts-noto-cjk puts Noto Sans CJK. */
const NOTO_SANS_CJK = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

/** Font folders searched when Noto Sans CJK is not where Debian puts it. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/Library/Fonts', '/System/Library/Fonts'];

/** Noto Sans CJK where Debian puts it, else any Noto Sans CJK / Source Han Sans file found. */
function cjkFontFiles(): string[] {
  if (NOTO_SANS_CJK.every((f) => existsSync(f))) return NOTO_SANS_CJK;
  return FONT_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /(NotoSansCJK|NotoSansSC|SourceHanSans)[^/]*\.(ttc|otf|ttf)$/i.test(file))
      .map((file) => path.join(dir, file)),
  );
}

let fonts: Uint8Array[] | undefined;

/**
 * PNG bytes of `svg`, scaled by `scale` (2 gives print resolution for an A4 page width). The
 * renderer's WebAssembly memory is freed at once: a bulletin draws some thirty charts.
 */
export function renderChartPng(svg: string, scale = 2): Buffer {
  fonts ??= cjkFontFiles().map((file) => readFileSync(file));
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontBuffers: fonts,
      defaultFontFamily: PNG_DEFAULT_FONT,
      sansSerifFamily: PNG_DEFAULT_FONT,
    },
  });
  try {
    const image = renderer.render();
    try {
      return encodePng(image.width, image.height, image.pixels);
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
