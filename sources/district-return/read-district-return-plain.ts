/**
 * `readDistrictReturn` for a child process (`openChildReader`): the arguments and the result are
 * plain data, as they must be to cross the process boundary — the catalogue is named by where it
 * lives (and loaded once per child), and each value's Decimal travels as its exact text.
 */
import { Decimal } from 'decimal.js';
import type { Catalogue } from '../../catalogue/catalogue.ts';
import { loadCatalogue, type CatalogueLocation } from '../../catalogue/load-catalogue.ts';
import type { StagedReturn, StagedValue } from '../../warehouse/staged-file.ts';
import { readDistrictReturn, type ReturnReadContext } from './read-district-return.ts';

/** A staged return whose values carry their exact decimal text. */
export type PlainStagedReturn = Omit<StagedReturn, 'values'> & {
  readonly values: ReadonlyArray<Omit<StagedValue, 'value'> & { readonly value: string }>;
};

const catalogues = new Map<string, Promise<Catalogue>>();

/**
 * Read the return at `filePath` as `readDistrictReturn` does, with the catalogue at `catalogue`.
 *
 * @example
 * const read = await reader.read<PlainStagedReturn>({ module: READ_DISTRICT_RETURN_PLAIN, exportName: 'readDistrictReturnPlain', args: [file, hash, { catalogue: {}, now, limits, db }] });
 * if (read.ok) staged = fromPlainStagedReturn(read.value);
 */
export async function readDistrictReturnPlain(
  filePath: string,
  hash: string,
  context: Omit<ReturnReadContext, 'catalogue'> & { readonly catalogue: CatalogueLocation },
): Promise<PlainStagedReturn> {
  const key = JSON.stringify(context.catalogue);
  let catalogue = catalogues.get(key);
  if (!catalogue) catalogues.set(key, (catalogue = loadCatalogue(context.catalogue)));
  const staged = await readDistrictReturn(filePath, hash, { ...context, catalogue: await catalogue });
  return { ...staged, values: staged.values.map((v) => ({ ...v, value: v.value.toString() })) };
}

/** The staged return a `PlainStagedReturn` stands for. */
export function fromPlainStagedReturn(plain: PlainStagedReturn): StagedReturn {
  return { ...plain, values: plain.values.map((v) => ({ ...v, value: new Decimal(v.value) })) };
}
