/**
 * The one place that quotes SQL. Values are bound as parameters everywhere; these helpers exist for
 * identifiers and for the few statements (COMMENT ON, ATTACH) that cannot take parameters.
 */

/** Quote an identifier: `quoteIdentifier('a"b')` → `"a""b"`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote a string literal: `quoteLiteral("it's")` → `'it''s'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
