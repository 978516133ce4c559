/**
 * The one validated configuration of a deployment (a JSON file, `--config`), with defaults that
 * make a bare working directory usable. Nothing else reads files or environment for settings.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nodeCron from 'node-cron';
import { z } from 'zod';
import { warehouseSaltFile } from './warehouse-salt-file.ts';

const MB = 1024 * 1024;

/** The deployment's time zone when the config names none: the one place the bureau's zone is written. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Whether `zone` is an IANA time zone this Node (ICU) knows, as DuckDB's ICU does. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** A cron expression node-cron accepts, checked when the config is read rather than when `kpi schedule` starts. */
const cronExpression = z.string().refine((text) => nodeCron.validate(text), {
  message: '不是有效的cron表达式（例如 "0 2 * * *"：每天2点）',
});

export const configSchema = z.strictObject({
  /** Warehouse file the pipeline writes. */
  db: z.string().default('kpi.duckdb'),
  /** Catalogue folder (indicators.json, regions.json, targets.json); default: the bundled one. */
  catalogue_dir: z.string().optional(),
  /** More target files (district 任务分解) in the targets.json format. */
  target_files: z.array(z.string()).default([]),
  /** Folders of the nightly run. */
  inbox: z.string().default('inbox'),
  archive: z.string().default('archive'),
  rejected: z.string().default('rejected'),
  reports: z.string().default('reports'),
  /** IANA time zone of local times (deadlines, 报送 times, the board's clock); checked at load. */
  timezone: z
    .string()
    .refine(isTimeZone, { message: '不是有效的时区（应为IANA时区名，例如 "Asia/Shanghai"）' })
    .default(DEFAULT_TIMEZONE),
  /** Day of the month by which district returns are due. */
  deadline_day: z.number().int().min(1).max(28).default(5),
  /**
   * Months an archived system export (names and IDs in clear) is kept; a run deletes older ones and
   * says so. District returns (figures only) are kept.
   */
  export_retention_months: z.number().int().min(1).default(13),
  /**
   * File holding the salt for hashing personal IDs, kept outside the warehouse; default: the
   * warehouse's own, in its private state beside it (`.<db name>.private/salt`).
   */
  salt_file: z.string().optional(),
  tolerances: z
    .strictObject({
      /** Month-over-month change (%) beyond which a value is flagged. */
      month_over_month_pct: z.number().positive().default(50),
      /** District sum vs city figure (%) beyond which a warning is raised. */
      district_vs_city_pct: z.number().nonnegative().default(0.5),
      /** Return vs export (%) beyond which a warning is raised. */
      return_vs_export_pct: z.number().nonnegative().default(1),
      /** A district this many percentage points behind schedule is flagged. */
      behind_schedule_pp: z.number().nonnegative().default(10),
    })
    .prefault({}),
  /** Workbook limits checked before parsing (SPEC §6); sizes in bytes. */
  limits: z
    .strictObject({
      /** Size of the file on disk. */
      workbook_bytes: z
        .number()
        .int()
        .positive()
        .default(20 * MB),
      /** Total uncompressed size of its parts (XML). */
      workbook_xml_bytes: z
        .number()
        .int()
        .positive()
        .default(50 * MB),
      workbook_sheets: z.number().int().positive().default(100),
      /** Real extent of one sheet: the highest row and column a row or cell occupies. */
      sheet_rows: z.number().int().positive().default(5000),
      sheet_columns: z.number().int().positive().default(300),
      /** Uncompressed ÷ compressed size of the parts. */
      compression_ratio: z.number().positive().default(100),
      /** Memory budget of the child process that reads workbooks (V8 heap, MB). */
      read_memory_mb: z.number().int().min(32).default(512),
      /** Deadline for reading one workbook, seconds. */
      read_timeout_s: z.number().positive().default(120),
      /**
       * Memory budget of DuckDB in a session that writes the warehouse (MB): a large export spills
       * to the private temp folder beyond it; one that cannot fit even so is rejected with the reason.
       */
      warehouse_memory_mb: z.number().int().min(64).default(1024),
    })
    .prefault({}),
  /** The monthly bulletin's masthead and options (README "The monthly bulletin"). */
  bulletin: z
    .strictObject({
      /** 发文单位 */
      issuer: z.string().min(1).default('青岛市人力资源和社会保障局'),
      /** 期号 template; {year} and {month} are the report month's. */
      issue_number: z.string().min(1).default('{year}年第{month}期'),
      /** Day of the following month the bulletin is dated. */
      issue_day: z.number().int().min(1).max(28).default(10),
      /** 舍位平衡: adjust rounded district figures so they add to the rounded city total. */
      balance_rounding: z.boolean().default(false),
      /** Folder of the statistician's text per month (YYYY-MM.md: 主要工作情况, 下步工作打算). */
      text_dir: z.string().default('bulletin-text'),
    })
    .prefault({}),
  schedules: z
    .strictObject({
      nightly: cronExpression.default('0 2 * * *'),
      bulletin: cronExpression.default('0 8 * * *'),
    })
    .prefault({}),
  /** Where a person is told when the night goes wrong (README "Alerts"). */
  alerts: z
    .strictObject({
      /** Group robots: 企业微信 (`wecom`), 钉钉 (`dingtalk`, signed when `secret` is set) or any JSON endpoint. */
      webhooks: z
        .array(
          z.strictObject({
            kind: z.enum(['wecom', 'dingtalk', 'generic']),
            url: z.url({ protocol: /^https?$/ }),
            secret: z.string().min(1).optional(),
          }),
        )
        .default([]),
      /** Mail through an SMTP server. */
      email: z
        .strictObject({
          host: z.string().min(1),
          port: z.number().int().min(1).max(65535).default(25),
          /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
          secure: z.boolean().default(false),
          user: z.string().optional(),
          pass: z.string().optional(),
          from: z.string().min(1),
          to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
        })
        .optional(),
      /** 催报: remind this many days before the deadline day (0: no reminder). */
      reminder_days: z.number().int().min(0).max(27).default(2),
      /** The published warehouse is stale when its last completed run is older than this. */
      stale_hours: z.number().positive().default(36),
      /** Announce a late district again every night (default: once per month and district). */
      repeat_late: z.boolean().default(false),
      /** Longest time all channels together may hold up a run, seconds (retries included). */
      timeout_s: z.number().positive().max(60).default(5),
    })
    .prefault({}),
});

/** The loaded config: paths resolved, the salt file always named. */
export type Config = Omit<z.infer<typeof configSchema>, 'salt_file'> & {
  readonly salt_file: string;
  /**
   * Where versions before one salt per warehouse kept it when the config named none (`.kpi/salt`
   * under the config's folder or the working directory): adopted once by a warehouse that has
   * person hashes and no salt of its own. Absent when the config names `salt_file`.
   */
  readonly legacy_salt_file?: string;
};

/** A config file could not be read or is invalid; the message lists every problem on one line, in Chinese. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Load the config: `configPath`, else `kpi.config.json` in the working directory, else the one
 * beside the warehouse file given by `db` or `KPI_DB`. Relative paths in it are resolved against
 * the config file's folder (or the working directory when there is no file). `KPI_DB` or `--db`
 * override `db`.
 */
export function loadConfig(
  options: { configPath?: string; db?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Config {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  // Without --config: the working folder's kpi.config.json, else the one beside the warehouse named
  // by --db or KPI_DB, so `kpi check --db demo/kpi.duckdb` reads demo/kpi.config.json (and its targets).
  const dbGiven = options.db ?? env.KPI_DB;
  const candidates = [
    path.join(cwd, 'kpi.config.json'),
    ...(dbGiven ? [path.join(path.dirname(path.resolve(cwd, dbGiven)), 'kpi.config.json')] : []),
  ];
  const file = options.configPath ?? candidates.find((candidate) => existsSync(candidate)) ?? null;
  let raw: unknown = {};
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const what = e.code ? '无法读取' : '不是有效的JSON';
      throw new ConfigError(`配置文件 ${file} ${what}（${e.message.split('\n')[0]}）`);
    }
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '（根）'}：${issueText(i)}`);
    throw new ConfigError(`配置文件 ${file ?? ''} 有误：${problems.join('；')}`);
  }
  const base = file ? path.dirname(path.resolve(file)) : cwd;
  const resolve = (p: string) => path.resolve(base, p);
  const config = parsed.data;
  const db = options.db
    ? path.resolve(cwd, options.db)
    : env.KPI_DB
      ? path.resolve(cwd, env.KPI_DB)
      : resolve(config.db);
  return {
    ...config,
    db,
    catalogue_dir: config.catalogue_dir ? resolve(config.catalogue_dir) : undefined,
    target_files: config.target_files.map(resolve),
    inbox: resolve(config.inbox),
    archive: resolve(config.archive),
    rejected: resolve(config.rejected),
    reports: resolve(config.reports),
    salt_file: config.salt_file ? resolve(config.salt_file) : warehouseSaltFile(db),
    ...(config.salt_file ? {} : { legacy_salt_file: resolve('.kpi/salt') }),
    bulletin: { ...config.bulletin, text_dir: resolve(config.bulletin.text_dir) },
  };
}

/** One zod problem in Chinese; the English detail stays in parentheses where no Chinese is known. */
function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `未知的设置项 ${issue.keys.join('、')}（检查拼写，或删去）`;
    case 'invalid_type':
      return `类型不对，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map(String).join(' / ')} 之一`;
    case 'invalid_format':
      return `格式不对（${issue.format}）`;
    case 'custom':
      return issue.message;
    default:
      return `无效（${issue.message}）`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: 'true 或 false',
  array: '列表',
  object: '对象',
};
