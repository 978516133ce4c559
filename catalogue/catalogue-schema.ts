/**
 * The zod shapes of the catalogue files (indicators, regions, targets). These are the boundary:
 * everything past `parseCatalogue` can trust the catalogue's types.
 */
import { z } from 'zod';
import { BASE_UNITS } from '../core/units.ts';

export const CATEGORIES = ['就业创业', '社会保障', '人才人事', '劳动关系', '公共服务'] as const;
/** flow 累计型 · stock 时点型 · net_change 净增 · ratio 比率 · rate 仅全市发布的比率 */
export const KINDS = ['flow', 'stock', 'net_change', 'ratio', 'rate'] as const;
export const DIRECTIONS = ['at_least', 'at_most'] as const;
export const REGION_LEVELS = ['province', 'city', 'district'] as const;
/** annual: one year · window_total: cumulative over the window · yearly: the same figure each year (年均) · level_by_end: a level to reach by the last year */
export const TARGET_BASES = ['annual', 'window_total', 'yearly', 'level_by_end'] as const;
/** Who set a target: the province (省下达任务) or the city itself (市定目标). Both are tracked side by side. */
export const ISSUERS = ['市定', '省下达'] as const;
export const SOURCE_KINDS = ['export', 'return'] as const;

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case code');

export const indicatorEntry = z.strictObject({
  code,
  name_zh: z.string().min(1),
  category: z.enum(CATEGORIES),
  kind: z.enum(KINDS),
  unit: z.enum(BASE_UNITS),
  display_unit: z.string().min(1),
  direction: z.enum(DIRECTIONS),
  parent: code.optional(),
  numerator: code.optional(),
  denominator: code.optional(),
  /** For a net change: the stock it is the change of. */
  base: code.optional(),
  /** Which source publishes the value when a return and an export both give it. */
  authority: z.enum(SOURCE_KINDS).default('export'),
  /** Month-by-month share of the annual target (12 cumulative percentages ending at 100) replacing N ÷ 12. */
  schedule_profile: z.array(z.number().min(0).max(100)).length(12).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  description: z.string().optional(),
});
export type IndicatorEntry = z.infer<typeof indicatorEntry>;

export const regionEntry = z.strictObject({
  code: z.string().regex(/^\d{6}$/, '6-digit 行政区划代码'),
  name_zh: z.string().min(1),
  parent_code: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  level: z.enum(REGION_LEVELS),
  aliases: z.array(z.string().min(1)).default([]),
});
export type RegionEntry = z.infer<typeof regionEntry>;

export const targetEntry = z.strictObject({
  /** Indicator code, canonical name or alias. */
  indicator: z.string().min(1),
  /** Region code, name or alias. */
  region: z.string().min(1),
  start_year: z.number().int().min(2000).max(2100),
  end_year: z.number().int().min(2000).max(2100),
  basis: z.enum(TARGET_BASES),
  /** The figure as the plan writes it: `35万`, `98%`, `3000`, `70亿`. */
  value: z.union([z.string().min(1), z.number()]),
  direction: z.enum(DIRECTIONS).optional(),
  /** 市定 (the city's own target, the default) or 省下达 (assigned by the province). */
  issuer: z.enum(ISSUERS).default('市定'),
  /** Due month `YYYY-MM` when the plan sets a deadline before December of end_year ("6月底前" → `2022-06`). */
  due: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .optional(),
  /** The plan gives an approximate figure ("100家左右"): tracked, but never a floor or a ceiling, so never met or missed. */
  approximate: z.boolean().default(false),
  source: z.string().default(''),
});
export type TargetEntry = z.infer<typeof targetEntry>;

/** A file is an object with one list; entries are validated one by one so one bad entry does not hide the rest. */
export const indicatorsFile = z.strictObject({ indicators: z.array(z.unknown()) });
export const regionsFile = z.strictObject({ regions: z.array(z.unknown()) });
export const targetsFile = z.strictObject({ targets: z.array(z.unknown()) });
