/**
 * The shape of a system-export definition: which files it matches, how to read them, and which
 * indicators they yield and how each is counted. A new system is a new definition file, not code.
 */
import { z } from 'zod';

const columnName = z.string().min(1);

/** Keep only rows whose column holds one of these values (or, with `not_empty`, any value). */
const rowFilter = z.union([
  z.strictObject({ column: columnName, equals: z.array(z.string()).min(1) }),
  z.strictObject({ column: columnName, not_empty: z.literal(true) }),
]);

/** Which rows a yield counts: a column's text among some values, or not empty. */
export type RowFilter = z.infer<typeof rowFilter>;

/** One indicator an export yields. */
const yieldEntry = z.strictObject({
  /** Indicator code, canonical name or alias. */
  indicator: z.string().min(1),
  /** `month`: the month's own count (flows); `level`: the level at month end (stocks). */
  measure: z.enum(['month', 'level']),
  /** How a month's value is made from the rows. */
  count: z.union([
    z.literal('rows'),
    z.strictObject({ distinct: columnName }),
    z.strictObject({ sum: columnName }),
    /** Persons by 公民身份号码, once a year in the month of their first record, across every file of the year. */
    z.literal('distinct_persons'),
  ]),
  /** Date column that places a row in a month (default: the definition's `date.column`). */
  date_column: columnName.optional(),
  filter: z.array(rowFilter).default([]),
});

export const exportDefinitionSchema = z.strictObject({
  name: z.string().min(1),
  system: z.string().min(1),
  /** What a file holds and covers, for the people who set up the export. */
  description: z.string().optional(),
  /** File-name patterns (`*` any characters), e.g. `就业登记明细*.csv`. */
  file_patterns: z.array(z.string().min(1)).min(1),
  /** CSV encoding; `auto` tells UTF-8 (with or without BOM) from GB18030/GBK. Ignored for other formats. */
  encoding: z.enum(['auto', 'utf8', 'gbk', 'gb18030']).default('auto'),
  /** Every column the system writes, exactly as it writes it; a file missing one is rejected. */
  columns: z.array(columnName).min(1),
  /** Region of each row: a column with 6-digit 行政区划代码 or names, or one fixed region for city-level systems. */
  region: z.union([
    z.strictObject({ column: columnName }),
    z.strictObject({ fixed: z.string().regex(/^\d{6}$/) }),
  ]),
  /** Date of each row: a column in YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD, or YYYYMM for a month. */
  date: z.strictObject({ column: columnName, format: z.enum(['date', 'yyyymm']).default('date') }),
  /** The column holding 公民身份号码 (record-level person data). */
  person_id: columnName.optional(),
  yields: z.array(yieldEntry).min(1),
});

export type ExportDefinition = z.infer<typeof exportDefinitionSchema>;
export type ExportYield = ExportDefinition['yields'][number];
