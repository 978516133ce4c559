/**
 * SQL for the 18-character 公民身份号码 (GB 11643): the ISO 7064 MOD 11-2 check character over the
 * first 17 digits. Generated once here so the weights are written in one place.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** A SQL boolean expression: `column` (a trimmed VARCHAR expression) is a well-formed ID with the right check character. */
export function validIdNumberSql(column: string): string {
  const sum = WEIGHTS.map((w, i) => `${w} * TRY_CAST(substr(${column}, ${i + 1}, 1) AS INTEGER)`).join(' + ');
  return `coalesce(regexp_full_match(${column}, '[0-9]{17}[0-9Xx]')
    AND substr('${CHECK_CHARACTERS}', ((${sum}) % 11) + 1, 1) = upper(substr(${column}, 18, 1)), false)`;
}

/** The check character for 17 digits (for generating and testing IDs). */
export function idCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, w, i) => total + w * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11]!;
}
