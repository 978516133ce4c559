/**
 * Converters from the product's values (Decimal, ISO dates, Date) to DuckDB values for the
 * Appender and bound parameters, and back from query results. Decimals stay exact both ways.
 */
import { Decimal } from 'decimal.js';
import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampTZValue } from './duckdb.ts';

/** Scale of every stored quantity: DECIMAL(38,6). */
export const VALUE_SCALE = 6;
const SCALE_FACTOR = new Decimal(10).pow(VALUE_SCALE);

/** A Decimal as DECIMAL(38,6) (rounded half-up beyond six places). */
export function toDuckDecimal(value: Decimal): DuckDBDecimalValue {
  return new DuckDBDecimalValue(
    BigInt(value.times(SCALE_FACTOR).toFixed(0, Decimal.ROUND_HALF_UP)),
    38,
    VALUE_SCALE,
  );
}

/** An ISO date `YYYY-MM-DD` as a DuckDB DATE. */
export function toDuckDate(isoDate: string): DuckDBDateValue {
  return new DuckDBDateValue(Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000));
}

/** A JS Date as TIMESTAMPTZ. */
export function toDuckTimestamp(date: Date): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(date.getTime()) * 1000n);
}

/** A decimal read back from a query (`getRowObjectsJson` gives decimals as strings). */
export function fromDuckDecimal(value: unknown): Decimal | null {
  if (value === null || value === undefined) return null;
  return new Decimal(String(value));
}
