/**
 * Reads and validates the export definitions (the bundled ones beside this module, or a folder of
 * a deployment's own), and finds the one whose file pattern matches a file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { exportDefinitionSchema, type ExportDefinition } from './export-definition.ts';

/** Folder of the bundled definitions of the four known systems. */
export const BUNDLED_DEFINITIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'definitions');

/** Load every `*.json` definition; throws one error listing every problem of every file. */
export function loadExportDefinitions(
  catalogue: Catalogue,
  dir = BUNDLED_DEFINITIONS_DIR,
): ExportDefinition[] {
  const problems: string[] = [];
  const definitions: ExportDefinition[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    const parsed = exportDefinitionSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${file} ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    const definition = parsed.data;
    const known = new Set(definition.columns);
    const used = [
      'column' in definition.region ? definition.region.column : null,
      definition.date.column,
      definition.person_id ?? null,
      ...definition.yields.flatMap((y) => [
        y.date_column ?? null,
        ...y.filter.map((f) => f.column),
        typeof y.count === 'object' ? ('sum' in y.count ? y.count.sum : y.count.distinct) : null,
      ]),
    ].filter((c): c is string => c !== null);
    for (const column of used)
      if (!known.has(column)) problems.push(`${file}: column "${column}" is used but not listed in columns`);
    definition.yields.forEach((y, i) => {
      if (!catalogue.findIndicator(y.indicator))
        problems.push(`${file} yields.${i}.indicator: unknown indicator "${y.indicator}"`);
      if (y.count === 'distinct_persons' && !definition.person_id)
        problems.push(`${file} yields.${i}: distinct_persons needs person_id`);
    });
    definitions.push(definition);
  }
  if (problems.length) throw new Error(`invalid export definitions:\n  ${problems.join('\n  ')}`);
  return definitions;
}

/**
 * The definition whose file pattern matches the file's name, if any; failing that, the one whose
 * pattern matches it with the extensions set aside (`就业登记明细202203.txt`, as Excel names its
 * "Unicode text", matches `就业登记明细*.csv`): the format comes from the bytes, not the extension.
 */
export function matchExportDefinition(
  fileName: string,
  definitions: readonly ExportDefinition[],
): ExportDefinition | undefined {
  const name = path.basename(fileName).normalize('NFC');
  const stem = (n: string) => n.slice(0, n.length - path.extname(n).length);
  return (
    definitions.find((d) => d.file_patterns.some((pattern) => globToRegExp(pattern).test(name))) ??
    definitions.find((d) => d.file_patterns.some((pattern) => globToRegExp(stem(pattern)).test(stem(name))))
  );
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .normalize('NFC')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
