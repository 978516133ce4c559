/**
 * A province-sized region hierarchy as data (SPEC §2): Shandong (370000), its 16 prefecture-level
 * cities with their GB/T 2260 codes and names, and 136 county-level regions. Qingdao's ten are the
 * bundled catalogue's (real codes, names and aliases); the other cities' county-level regions get
 * codes of the right shape (city prefix + 01…) and placeholder names (济南市县区01), because the
 * benchmark needs the province's size and shape, not its gazetteer.
 */
import type { Catalogue } from '../catalogue/catalogue.ts';

/** One entry of a catalogue's `regions.json`. */
export interface RegionEntry {
  readonly code: string;
  readonly name_zh: string;
  readonly parent_code: string | null;
  readonly level: 'province' | 'city' | 'district';
  readonly aliases: readonly string[];
}

/** The cities: code, name, and how many county-level regions each has (Qingdao's come from the catalogue). */
const CITIES: ReadonlyArray<readonly [code: string, name: string, counties: number]> = [
  ['370100', '济南市', 12],
  ['370200', '青岛市', 10],
  ['370300', '淄博市', 8],
  ['370400', '枣庄市', 6],
  ['370500', '东营市', 5],
  ['370600', '烟台市', 11],
  ['370700', '潍坊市', 12],
  ['370800', '济宁市', 11],
  ['370900', '泰安市', 6],
  ['371000', '威海市', 4],
  ['371100', '日照市', 4],
  ['371300', '临沂市', 12],
  ['371400', '德州市', 11],
  ['371500', '聊城市', 8],
  ['371600', '滨州市', 7],
  ['371700', '菏泽市', 9],
];

/** Shandong's regions for a catalogue's `regions.json`, Qingdao's taken from `catalogue`. */
export function provinceRegions(catalogue: Catalogue): RegionEntry[] {
  const regions: RegionEntry[] = [
    { code: '370000', name_zh: '山东省', parent_code: null, level: 'province', aliases: ['山东'] },
  ];
  for (const [code, name, counties] of CITIES) {
    regions.push({
      code,
      name_zh: name,
      parent_code: '370000',
      level: 'city',
      aliases: [name.replace(/市$/, '')],
    });
    const bundled = catalogue.regions.filter((r) => r.parentCode === code);
    if (bundled.length > 0) {
      for (const r of bundled)
        regions.push({
          code: r.code,
          name_zh: r.nameZh,
          parent_code: code,
          level: 'district',
          aliases: r.aliases,
        });
      continue;
    }
    for (let i = 1; i <= counties; i++) {
      const suffix = String(i + 1).padStart(2, '0');
      regions.push({
        code: `${code.slice(0, 4)}${suffix}`,
        name_zh: `${name}县区${suffix}`,
        parent_code: code,
        level: 'district',
        aliases: [],
      });
    }
  }
  return regions;
}
