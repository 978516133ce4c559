/**
 * Reports "as published": runs `work` with the warehouse as it stood at `asOf`, by shadowing the
 * history tables with temporary views (values loaded by then, superseded only if superseded by then).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from './sql.ts';

/**
 * Run `work` against the vintage of `asOf` (or the current state when `asOf` is undefined).
 * Temporary views take precedence over the tables in name resolution, views included; they are
 * dropped afterwards whatever happens.
 */
export async function withVintage<T>(
  connection: DuckDBConnection,
  asOf: Date | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!asOf) return work();
  const reader = await connection.runAndReadAll('SELECT current_database() AS db');
  const db = quoteIdentifier(String(reader.getRowObjectsJson()[0]!.db));
  // A literal, not a parameter: views cannot take parameters. The value is our own ISO timestamp.
  const at = `CAST(${quoteLiteral(asOf.toISOString())} AS TIMESTAMPTZ)`;
  const superseded = (column: string) => `CASE WHEN superseded_at <= ${at} THEN ${column} END AS ${column}`;
  const shadows: Array<[string, string]> = [
    [
      'fact_value',
      `SELECT * REPLACE (${superseded('superseded_at')}, ${superseded('superseded_by')})
       FROM ${db}.main.fact_value WHERE loaded_at <= ${at}`,
    ],
    [
      'source_file',
      `SELECT * REPLACE (${superseded('superseded_at')}, ${superseded('superseded_by')})
       FROM ${db}.main.source_file WHERE received_at <= ${at}`,
    ],
    ['finding', `SELECT * FROM ${db}.main.finding WHERE found_at <= ${at}`],
  ];
  for (const [name, sql] of shadows) await connection.run(`CREATE OR REPLACE TEMP VIEW ${name} AS ${sql}`);
  try {
    return await work();
  } finally {
    for (const [name] of shadows) await connection.run(`DROP VIEW IF EXISTS temp.main.${name}`);
  }
}
