/**
 * Reading a return's region and report month out of free text (a title, a 填报单位 or 报告期 row, a
 * file name). A district named anywhere makes it the district's return; otherwise a return may be
 * the city's or the province's own (填报单位：青岛市人力资源和社会保障局).
 */
import type { Catalogue, Region } from '../../catalogue/catalogue.ts';
import { periodOf, type Period } from '../../core/period.ts';

/** A report month found in a text, or the text that looked like one but is not a month. */
export type PeriodMatch =
  | { readonly kind: 'period'; readonly period: Period; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

// 2022年10月 · 2022年1-10月 · 2022年1—10月 · 2022年 1 至 10 月
const PERIOD = /(\d{4})\s*年\s*(?:(\d{1,2})\s*[-－—–~～至到]\s*)?(\d{1,2})\s*月/u;

/** The report month a text names (`YYYY-MM`), if any. "1-10月" means October (year to date). */
export function findPeriod(text: string): PeriodMatch | null {
  const match = PERIOD.exec(text.normalize('NFKC'));
  if (!match) return null;
  const [whole, year, from, to] = match;
  const month = Number(to);
  if (month < 1 || month > 12 || (from !== undefined && Number(from) !== 1))
    return { kind: 'invalid', text: whole };
  return { kind: 'period', period: periodOf(Number(year), month), text: whole };
}

/** The district a text names (longest name or alias found in it), if any. */
export function findDistrict(text: string, catalogue: Catalogue): Region | null {
  const normal = text.normalize('NFKC').replace(/\s+/g, '');
  let best: { region: Region; length: number } | null = null;
  for (const region of catalogue.regions) {
    if (region.level !== 'district') continue;
    for (const name of [region.nameZh, ...region.aliases]) {
      if (normal.includes(name) && (!best || name.length > best.length))
        best = { region, length: name.length };
    }
  }
  return best?.region ?? null;
}

/** After a city or province name: a place below it that the catalogue does not know (青岛市高新区…). */
const SUB_PLACE = /^[\u4e00-\u9fa5]{1,4}?(区|县|市|镇|街道)/u;

/**
 * The city or province a text names as the reporting unit (longest name or alias), if no unknown
 * place below it follows the name: "青岛市人社局" is the city, "青岛市高新区人社局" is nobody.
 */
export function findUpperRegion(text: string, catalogue: Catalogue): Region | null {
  const normal = text.normalize('NFKC').replace(/\s+/g, '');
  let best: { region: Region; length: number; after: string } | null = null;
  for (const region of catalogue.regions) {
    if (region.level === 'district') continue;
    for (const name of [region.nameZh, ...region.aliases]) {
      const at = normal.indexOf(name);
      if (at >= 0 && (!best || name.length > best.length))
        best = { region, length: name.length, after: normal.slice(at + name.length) };
    }
  }
  if (!best || SUB_PLACE.test(best.after)) return null;
  return best.region;
}
