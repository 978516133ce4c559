/**
 * The two pipeline steps whose code lives in other areas: the quality checks (`transforms/run-checks.ts`)
 * and the bulletin (`reports/write-report.ts`). A step whose module is absent is reported as skipped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from './config.ts';

export interface StepResult {
  readonly status: 'completed' | 'skipped';
  readonly items: number;
  readonly message: string;
}

/** Run the quality checks over the warehouse (`runChecks` from transforms/run-checks.ts). */
export async function runChecksStep(
  connection: DuckDBConnection,
  options: { runId: string; now: Date; config: Config; period?: string },
): Promise<StepResult> {
  const module = await importIfPresent<{
    runChecks: (c: DuckDBConnection, o: typeof options) => Promise<unknown>;
  }>('../transforms/run-checks.ts');
  if (!module) return { status: 'skipped', items: 0, message: 'transforms/run-checks.ts is not installed' };
  const result = await module.runChecks(connection, options);
  const items = Array.isArray(result) ? result.length : countOf(result);
  return { status: 'completed', items, message: `${items} finding(s)` };
}

/** Write the bulletin of `period` (md, html, xlsx) into `outDir` (`writeReport` from reports/write-report.ts). */
export async function writeBulletinStep(
  connection: DuckDBConnection,
  options: { period: string; outDir: string },
): Promise<StepResult> {
  const module = await importIfPresent<{
    writeReport: (
      c: DuckDBConnection,
      o: { period: string; formats: ('md' | 'html' | 'xlsx')[]; outDir: string },
    ) => Promise<unknown>;
  }>('../reports/write-report.ts');
  if (!module) return { status: 'skipped', items: 0, message: 'reports/write-report.ts is not installed' };
  const result = await module.writeReport(connection, { ...options, formats: ['md', 'html', 'xlsx'] });
  const files = filesOf(result);
  return {
    status: 'completed',
    items: files.length || 3,
    message: files.length ? files.join(', ') : `bulletin ${options.period} in ${options.outDir}`,
  };
}

async function importIfPresent<T>(relative: string): Promise<T | null> {
  const url = new URL(relative, import.meta.url);
  try {
    return (await import(url.href)) as T;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(url.pathname.split('/').pop()!))
      return null;
    throw error;
  }
}

function countOf(result: unknown): number {
  if (result && typeof result === 'object') {
    for (const key of ['findings', 'count', 'total'] as const) {
      const value = (result as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value.length;
      if (typeof value === 'number') return value;
    }
  }
  return 0;
}

function filesOf(result: unknown): string[] {
  if (Array.isArray(result)) return result.filter((f): f is string => typeof f === 'string');
  const files = (result as { files?: unknown } | null)?.files;
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
}
