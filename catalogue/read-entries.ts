/**
 * Reads one catalogue JSON file entry by entry: the file's shape first, then each entry on its own,
 * so one bad entry does not hide the others. Problems are data, with file and path.
 */
import type { z } from 'zod';

/** A problem in a catalogue file. */
export interface CatalogueProblem {
  readonly code: 'invalid_json' | 'invalid_entry' | 'unknown_reference' | 'duplicate' | 'inconsistent';
  readonly file: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface CatalogueFile {
  readonly name: string;
  readonly text: string;
  /** A target file loaded as data (district 任务分解, `kpi targets load`), kept in the warehouse across `kpi init`. */
  readonly loaded?: boolean;
}

/**
 * The valid entries of `listName` in `file`, with their index; every problem is appended to `problems`.
 */
export function readEntries<T>(
  file: CatalogueFile,
  fileSchema: z.ZodType<Record<string, unknown[]>>,
  listName: string,
  entrySchema: z.ZodType<T>,
  problems: CatalogueProblem[],
): Array<{ index: number; entry: T }> {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (error) {
    problems.push({ code: 'invalid_json', file: file.name, path: [], message: (error as Error).message });
    return [];
  }
  const shape = fileSchema.safeParse(json);
  if (!shape.success) {
    for (const issue of shape.error.issues)
      problems.push({
        code: 'invalid_entry',
        file: file.name,
        path: issue.path.map(pathKey),
        message: issue.message,
      });
    return [];
  }
  const entries: Array<{ index: number; entry: T }> = [];
  (shape.data[listName] ?? []).forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (parsed.success) entries.push({ index, entry: parsed.data });
    else
      for (const issue of parsed.error.issues)
        problems.push({
          code: 'invalid_entry',
          file: file.name,
          path: [listName, index, ...issue.path.map(pathKey)],
          message: issue.message,
        });
  });
  return entries;
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}
