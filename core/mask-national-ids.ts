/**
 * No message shows a national ID in clear (SPEC §7): wherever raw text from a file is quoted — a
 * finding, an error report, a log line, a database error — it passes through `maskNationalIds`.
 * Pure; imports nothing.
 */

// 18-character IDs (17 digits and a digit or X) and the old 15-digit ones, not inside a longer
// run of letters or digits. Checksums are not verified: a mistyped ID is personal data too.
const ID_18 = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])(\d{6})\d{5}(\d{4})(?![0-9A-Za-z])/g;

/**
 * Replace every national ID number in `text` by its masked form: region code and last four kept.
 *
 * @example
 * maskNationalIds('登记日期不是日期：370202199001011234'); // '登记日期不是日期：370202********1234'
 */
export function maskNationalIds(text: string): string {
  return text.replace(ID_18, '$1********$2').replace(ID_15, '$1*****$2');
}

/**
 * `value` with `maskNationalIds` applied to every string in it (plain objects and arrays, as
 * findings' parameters are); other values are kept as they are.
 *
 * @example
 * maskNationalIdsDeep({ examples: ['370202199001011234'] }); // { examples: ['370202********1234'] }
 */
export function maskNationalIdsDeep<T>(value: T): T {
  if (typeof value === 'string') return maskNationalIds(value) as T;
  if (Array.isArray(value)) return value.map(maskNationalIdsDeep) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNationalIdsDeep(v)])) as T;
  return value;
}
