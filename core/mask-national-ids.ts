/**
 * No message shows a national ID in clear (SPEC §7): wherever raw text from a file is quoted — a
 * finding, an error report, a log line, a database error — it passes through `maskNationalIds`.
 * Pure; imports nothing.
 */

// Full-width digits and X read as their ASCII forms (one UTF-16 unit each, so offsets hold).
const FULL_WIDTH = /[\uff10-\uff19\uff38\uff58]/g;
const toAscii = (text: string) =>
  text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// An ID written in one piece: 18 characters (17 digits and a digit or X) or the old 15 digits, not
// inside a longer run of digits; a letter may touch it ("ID370202…", "…8840a"). Checksums are not
// verified: a mistyped ID is personal data too, and a case number of the same shape is masked too.
const ID_SOLID = /(?<!\d)(?:\d{17}[Xx]|\d{18}(?!\d)|\d{15}(?!\d))/g;

// Digit groups separated by a few spaces, hyphens, slashes or dots ("370202 19770707 5559",
// "370202-19770707-5559"): any run of consecutive groups
// that adds up to an ID with a plausible birth date is one, so region codes and dates beside each
// other are not. A run starts only where a digit run does: a long run costs one pass, not one per digit.
const GROUPS = /(?<!\d)\d+[Xx]?(?:[\s\-\u2010-\u2015\uff0d/\uff0f.\uff0e]{1,3}\d+[Xx]?)+/g;

/**
 * Replace every national ID number in `text` by its masked form: region code and last four kept,
 * the rest starred (`370202********1234`, 15 digits `370202*****1234`). Full-width digits and IDs
 * written in groups are read as the ID they spell, and the whole run is replaced.
 *
 * @example
 * maskNationalIds('登记日期不是日期：370202199001011234'); // '登记日期不是日期：370202********1234'
 * maskNationalIds('身份证 370202 19770707 5559'); // '身份证 370202********5559'
 */
export function maskNationalIds(text: string): string {
  const plain = toAscii(text);
  const spans: [number, number][] = [];
  for (const m of plain.matchAll(ID_SOLID)) spans.push([m.index, m.index + m[0].length]);
  for (const run of plain.matchAll(GROUPS))
    for (const span of groupedIds(run[0], run.index)) spans.push(span);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; i++) {
    let [start, end] = spans[i]!;
    // Overlapping spans (an ID inside a run of groups) are masked as one.
    while (i + 1 < spans.length && spans[i + 1]![0] < end) end = Math.max(end, spans[++i]![1]);
    if (start < at) start = at;
    out += text.slice(at, start) + masked(plain.slice(start, end).replace(/[^\dXx]/g, ''));
    at = end;
  }
  return out + text.slice(at);
}

/** `370202` + stars + the last four, upper-case X: the shape of the ID, none of its middle. */
function masked(id: string): string {
  return id.slice(0, 6) + '*'.repeat(Math.max(id.length - 10, 4)) + id.slice(-4).toUpperCase();
}

/** The spans of `run` (at `offset`) where two or more consecutive groups spell an ID. */
function groupedIds(run: string, offset: number): [number, number][] {
  const groups = splitGroups(run, offset);
  const spans: [number, number][] = [];
  for (let i = 0; i < groups.length; i++) {
    let digits = groups[i]!.text;
    // At most 18 characters, and an X only last: a few groups from each start.
    for (let j = i + 1; j < groups.length && digits.length < 18 && !endsWithX(digits); j++) {
      digits += groups[j]!.text;
      if ((digits.length === 15 || digits.length === 18) && looksLikeId(digits))
        spans.push([groups[i]!.at, groups[j]!.at + groups[j]!.text.length]);
    }
  }
  return spans;
}

/** The digit groups of a run (each maybe ending in X), with where each starts; a scan, not a regex per group. */
function splitGroups(run: string, offset: number): { at: number; text: string }[] {
  const groups: { at: number; text: string }[] = [];
  let start = -1;
  for (let i = 0; i <= run.length; i++) {
    const c = i < run.length ? run.charCodeAt(i) : 32;
    const digitOrX = (c >= 48 && c <= 57) || c === 88 || c === 120;
    if (digitOrX && start < 0) start = i;
    if (!digitOrX && start >= 0) {
      groups.push({ at: offset + start, text: run.slice(start, i) });
      start = -1;
    }
  }
  return groups;
}

const endsWithX = (text: string) => (text.charCodeAt(text.length - 1) | 0x20) === 0x78;

/** 18 characters with a birth date 18xx–20xx in 7–14, or 15 digits with one (YYMMDD) in 7–12. */
function looksLikeId(digits: string): boolean {
  if (digits.length === 18 && /^\d{17}[\dXx]$/.test(digits))
    return plausibleDate(digits.slice(6, 10), digits.slice(10, 12), digits.slice(12, 14), /^(18|19|20)\d\d$/);
  if (digits.length === 15 && /^\d{15}$/.test(digits))
    return plausibleDate(digits.slice(6, 8), digits.slice(8, 10), digits.slice(10, 12), /^\d\d$/);
  return false;
}

function plausibleDate(year: string, month: string, day: string, yearShape: RegExp): boolean {
  return yearShape.test(year) && +month >= 1 && +month <= 12 && +day >= 1 && +day <= 31;
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
