/**
 * Catalogue files in, `{ value?, problems }` out. Pure: no IO. Every entry is validated on its own
 * and every problem is reported with its file and path, so one bad entry does not hide the others.
 */
import { parseUnit } from '../core/units.ts';
import type { Catalogue, Indicator, Region } from './catalogue.ts';
import { indicatorEntry, indicatorsFile, regionEntry, regionsFile } from './catalogue-schema.ts';
import { labelSimilarity, normalizeLabel } from './normalize-label.ts';
import { parseTargets } from './parse-targets.ts';
import { readEntries, type CatalogueFile, type CatalogueProblem } from './read-entries.ts';

export interface CatalogueFiles {
  readonly indicators: CatalogueFile;
  readonly regions: CatalogueFile;
  readonly targets: readonly CatalogueFile[];
}

/** Validate and assemble the catalogue. `value` is present only when there are no problems. */
export function parseCatalogue(files: CatalogueFiles): { value?: Catalogue; problems: CatalogueProblem[] } {
  const problems: CatalogueProblem[] = [];
  const indicatorEntries = readEntries(
    files.indicators,
    indicatorsFile,
    'indicators',
    indicatorEntry,
    problems,
  );
  const regionEntries = readEntries(files.regions, regionsFile, 'regions', regionEntry, problems);

  const indicators: Indicator[] = indicatorEntries.map(({ entry: e }) => ({
    code: e.code,
    nameZh: e.name_zh,
    category: e.category,
    kind: e.kind,
    unit: e.unit,
    displayUnit: e.display_unit,
    direction: e.direction,
    parentCode: e.parent ?? null,
    numeratorCode: e.numerator ?? null,
    denominatorCode: e.denominator ?? null,
    baseCode: e.base ?? null,
    authority: e.authority,
    scheduleProfile: e.schedule_profile ?? null,
    aliases: e.aliases,
    description: e.description ?? null,
  }));
  const regions: Region[] = regionEntries.map(({ entry: e }) => ({
    code: e.code,
    nameZh: e.name_zh,
    parentCode: e.parent_code,
    level: e.level,
    aliases: e.aliases,
  }));

  const byCode = new Map<string, Indicator>();
  const byLabel = new Map<string, Indicator>();
  indicatorEntries.forEach(({ index }, i) => {
    const indicator = indicators[i]!;
    const at = (...rest: (string | number)[]) => ['indicators', index, ...rest];
    const problem = (code: CatalogueProblem['code'], path: (string | number)[], message: string) =>
      problems.push({ code, file: files.indicators.name, path, message });
    if (byCode.has(indicator.code)) problem('duplicate', at('code'), `code ${indicator.code} is used twice`);
    byCode.set(indicator.code, indicator);
    for (const [k, label] of [indicator.nameZh, indicator.code, ...indicator.aliases].entries()) {
      const key = normalizeLabel(label);
      const other = byLabel.get(key);
      if (other && other.code !== indicator.code) {
        problem(
          'duplicate',
          at(k === 0 ? 'name_zh' : 'aliases'),
          `label "${label}" also names ${other.code} (${other.nameZh})`,
        );
      } else byLabel.set(key, indicator);
    }
    const unit = parseUnit(indicator.displayUnit);
    if (
      !unit ||
      (unit.base !== null &&
        unit.base !== indicator.unit &&
        !(indicator.unit === '人次' && unit.base === '人'))
    ) {
      problem(
        'inconsistent',
        at('display_unit'),
        `display unit "${indicator.displayUnit}" does not scale ${indicator.unit}`,
      );
    }
    const needs = (field: 'numerator' | 'denominator' | 'base', present: boolean, kind: string) => {
      if (present) problem('inconsistent', at(field), `only a ${kind} has a ${field}`);
    };
    if (indicator.kind === 'ratio') {
      if (!indicator.numeratorCode || !indicator.denominatorCode)
        problem('inconsistent', at(), `a ratio needs a numerator and a denominator`);
      if (indicator.unit !== '%') problem('inconsistent', at('unit'), `a ratio is stored in %`);
    } else {
      needs('numerator', indicator.numeratorCode !== null, 'ratio');
      needs('denominator', indicator.denominatorCode !== null, 'ratio');
    }
    if (indicator.kind === 'rate' && indicator.unit !== '%')
      problem('inconsistent', at('unit'), `a rate is stored in %`);
    if (indicator.kind === 'net_change') {
      if (!indicator.baseCode)
        problem('inconsistent', at(), `a net change needs the stock it changes (base)`);
    } else needs('base', indicator.baseCode !== null, 'net change');
    if (indicator.scheduleProfile && indicator.scheduleProfile[11] !== 100)
      problem('inconsistent', at('schedule_profile'), `a schedule profile ends at 100 (December)`);
  });
  indicatorEntries.forEach(({ index }, i) => {
    const indicator = indicators[i]!;
    const refs: Array<['parent' | 'numerator' | 'denominator' | 'base', string | null, string[]]> = [
      ['parent', indicator.parentCode, ['flow', 'stock', 'net_change']],
      ['numerator', indicator.numeratorCode, ['flow', 'stock']],
      ['denominator', indicator.denominatorCode, ['flow', 'stock']],
      ['base', indicator.baseCode, ['stock']],
    ];
    for (const [field, ref, kinds] of refs) {
      if (ref === null) continue;
      const target = byCode.get(ref);
      const path = ['indicators', index, field];
      if (!target)
        problems.push({
          code: 'unknown_reference',
          file: files.indicators.name,
          path,
          message: `${field} ${ref} is not an indicator`,
        });
      else if (!kinds.includes(target.kind))
        problems.push({
          code: 'inconsistent',
          file: files.indicators.name,
          path,
          message: `${field} ${ref} is a ${target.kind}; expected ${kinds.join(' or ')}`,
        });
    }
    if (indicator.kind === 'ratio' && indicator.numeratorCode && indicator.denominatorCode) {
      const [n, d] = [byCode.get(indicator.numeratorCode), byCode.get(indicator.denominatorCode)];
      if (n && d && n.kind !== d.kind)
        problems.push({
          code: 'inconsistent',
          file: files.indicators.name,
          path: ['indicators', index],
          message: `numerator and denominator must both be flows or both stocks`,
        });
    }
  });

  const regionByKey = new Map<string, Region>();
  const regionCodes = new Set<string>();
  regionEntries.forEach(({ index }, i) => {
    const region = regions[i]!;
    if (regionCodes.has(region.code))
      problems.push({
        code: 'duplicate',
        file: files.regions.name,
        path: ['regions', index, 'code'],
        message: `region ${region.code} is listed twice`,
      });
    regionCodes.add(region.code);
    for (const name of [region.code, region.nameZh, ...region.aliases]) {
      const key = normalizeRegionName(name);
      const other = regionByKey.get(key);
      if (other && other.code !== region.code)
        problems.push({
          code: 'duplicate',
          file: files.regions.name,
          path: ['regions', index],
          message: `name "${name}" also names ${other.code} ${other.nameZh}`,
        });
      else regionByKey.set(key, region);
    }
  });
  regionEntries.forEach(({ index }, i) => {
    const parent = regions[i]!.parentCode;
    if (parent !== null && !regionCodes.has(parent))
      problems.push({
        code: 'unknown_reference',
        file: files.regions.name,
        path: ['regions', index, 'parent_code'],
        message: `parent ${parent} is not a region`,
      });
  });

  const findIndicator = (label: string) => byCode.get(label) ?? byLabel.get(normalizeLabel(label));
  const findRegion = (name: string) => regionByKey.get(normalizeRegionName(name));

  const parsedTargets = parseTargets(files.targets, { findIndicator, findRegion });
  problems.push(...parsedTargets.problems);
  const targets = parsedTargets.targets;

  if (problems.length > 0) return { problems };
  const names = indicators.map((i) => ({
    name: i.nameZh,
    keys: [i.nameZh, ...i.aliases].map(normalizeLabel),
  }));
  return {
    problems,
    value: {
      indicators,
      regions,
      targets,
      findIndicator,
      findRegion,
      nearestIndicatorNames(label, count = 3) {
        const key = normalizeLabel(label);
        return names
          .map(({ name, keys }) => ({ name, score: Math.max(...keys.map((k) => labelSimilarity(key, k))) }))
          .filter(({ score }) => score > 0)
          .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
          .slice(0, count)
          .map(({ name }) => name);
      },
    },
  };
}

/** Region names match without spaces, full-width forms or the "青岛市" style prefix differences handled by aliases. */
function normalizeRegionName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}
