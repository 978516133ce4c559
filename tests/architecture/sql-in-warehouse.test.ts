/**
 * The SQL rule of `npm run check` (`scripts/check-sql-rooms.js`): queries of the warehouse live in
 * warehouse/. Proven on throw-away trees that each breach fails, and that staging a file does not.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck, writeTree, type CheckResult } from '../helpers/throwaway-tree.ts';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts', 'check-sql-rooms.js');

/** Run the check on `root`, or on a fresh tree of `files` (relative path → source) beside a warehouse view. */
async function check(files: Record<string, string> | null): Promise<CheckResult> {
  const dir = files
    ? writeTree({ 'warehouse/views.ts': `export const v = [{ name: 'observation' }];\n`, ...files })
    : root;
  return runCheck(process.execPath, [script, dir], root);
}

describe('SQL in the warehouse (npm run check)', () => {
  it('passes on the house itself', async () => {
    expect(await check(null)).toMatchObject({ code: 0 });
  });

  it('fails on a pipeline that runs a query, naming file and line', async () => {
    const result = await check({
      'pipelines/latest.ts': `export const latest = (c: any) =>\n  c.runAndReadAll(\`SELECT max(period) FROM observation\`);\n`,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('pipelines/latest.ts:2: runs SQL');
    expect(result.output).toContain('pipelines/latest.ts:2: holds SQL (SELECT');
  });

  it('fails on a report or a board page that holds a query, even one it hands on', async () => {
    const result = await check({
      'reports/month.ts': `export const SQL = 'SELECT * FROM observation';\n`,
      'serve/page.ts': `// SELECT in a comment is prose\nexport const q = \`\n  WITH x AS (SELECT 1) SELECT * FROM x\`;\n`,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('reports/month.ts:1: holds SQL (SELECT');
    expect(result.output).toContain('serve/page.ts:2: holds SQL (WITH');
    expect(result.output).not.toContain('serve/page.ts:1');
  });

  it('lets a source stage a file with DuckDB’s readers, but not read a warehouse view', async () => {
    const staging = await check({
      'sources/stage.ts': `export const s = (c: any, f: string) =>\n  c.run(\`CREATE TEMP TABLE staged AS SELECT * FROM read_csv($1)\`, [f]);\n`,
    });
    expect(staging).toMatchObject({ code: 0 });
    const reading = await check({
      'sources/lookup.ts': `export const s = (c: any) => c.run(\`SELECT * FROM observation\`);\n`,
    });
    expect(reading.code).not.toBe(0);
    expect(reading.output).toContain("sources/lookup.ts:1: reads the warehouse's observation");
  });
});
