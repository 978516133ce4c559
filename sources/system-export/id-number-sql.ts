/**
 * SQL for the 18-character 公民身份号码 (GB 11643): the ISO 7064 MOD 11-2 check character over the
 * first 17 digits. Generated once here so the weights are written in one place.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/**
 * A SQL expression: the ID in `text` (trimmed VARCHAR) as it is checked and hashed — full-width
 * digits and Ｘ/ｘ made ASCII, spaces and hyphens (ASCII, full-width) removed, X upper-cased — so
 * "370202 19770707 5559" and "370202-19770707-5559" are the same person as "370202197707075559".
 */
export function normalIdSql(text: string): string {
  return `nullif(upper(translate(${text}, '０１２３４５６７８９Ｘｘ -－\u3000\t', '0123456789XX')), '')`;
}

/**
 * A SQL expression: the shape Excel leaves on the normalised ID `column` — 'scientific'
 * (`3.70202E+17`, also an .xlsx number cell, or a float's `.0`: no person can be told from it) or
 * 'zeros' (18 digits ending `000`: a number that lost its last digits when most IDs of the file look
 * so, see `checkExportIds`) — else NULL.
 */
export function mangledIdSql(column: string): string {
  return `CASE WHEN regexp_full_match(${column}, '[0-9](\\.[0-9]+)?E\\+?[0-9]+|[0-9]{15,18}\\.0*') THEN 'scientific'
    WHEN regexp_full_match(${column}, '[0-9]{15}000') THEN 'zeros' END`;
}

/**
 * A SQL expression: the first 17 digits of `column` (a trimmed, upper-cased VARCHAR) as one
 * UBIGINT when it is shaped like an ID (17 digits, then a digit or X), else NULL. Compute it once
 * per row in its own query layer and give it to `validIdNumberSql`: one cast and integer arithmetic
 * cost less than half of seventeen one-character casts.
 */
export function idDigitsSql(column: string): string {
  return `CASE WHEN regexp_full_match(${column}, '[0-9]{17}[0-9X]') THEN CAST(${column}[1:17] AS UBIGINT) END`;
}

/**
 * A SQL boolean expression: the ID in `column`, whose `idDigitsSql` is `digits` (a column), is
 * well-formed with the right check character.
 */
export function validIdNumberSql(digits: string, column: string): string {
  const sum = WEIGHTS.map((w, i) => `${w} * ((${digits} // ${10n ** BigInt(16 - i)}) % 10)`).join(' + ');
  return `coalesce(substr('${CHECK_CHARACTERS}', CAST((${sum}) % 11 AS INTEGER) + 1, 1) = ${column}[18], false)`;
}

/** The check character for 17 digits (for generating and testing IDs). */
export function idCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, w, i) => total + w * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11]!;
}
