/**
 * The import rules of `.dependency-cruiser.cjs` (run by `npm run check`) really fail on an upward
 * import and on a circle: proven on a throw-away tree, so main itself never holds a violation.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');
const config = path.join(root, '.dependency-cruiser.cjs');
let tree: string;

/** Write `files` (relative path → source) into a fresh tree and cruise its folders with the project's rules. */
async function cruise(files: Record<string, string>): Promise<{ code: number; output: string }> {
  tree = mkdtempSync(path.join(tmpdir(), 'kpi-imports-'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), source);
  }
  const folders = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
  try {
    const { stdout } = await promisify(execFile)(depcruise, ['--config', config, ...folders], { cwd: tree });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe('import direction (npm run check)', () => {
  it('accepts imports that point down', async () => {
    const result = await cruise({
      'core/period.ts': `export const p = 1;\n`,
      'warehouse/load.ts': `import { p } from '../core/period.ts';\nexport const l = p;\n`,
      'pipelines/run.ts': `import { l } from '../warehouse/load.ts';\nexport const r = l;\n`,
    });
    expect(result).toMatchObject({ code: 0 });
  });

  it('fails on an upward import, naming it', async () => {
    const result = await cruise({
      'warehouse/sql.ts': `export const q = 1;\n`,
      'core/units.ts': `import { q } from '../warehouse/sql.ts';\nexport const u = q;\n`,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('core-imports-down-only: core/units.ts → warehouse/sql.ts');
  });

  it('fails on a sibling import between sources and transforms', async () => {
    const result = await cruise({
      'transforms/check.ts': `export const c = 1;\n`,
      'sources/read.ts': `import { c } from '../transforms/check.ts';\nexport const r = c;\n`,
    });
    expect(result.output).toContain('sources-imports-down-only: sources/read.ts → transforms/check.ts');
  });

  it('keeps alerts on core: the pipeline gathers their facts, the CLI reaches them through it', async () => {
    const result = await cruise({
      'core/period.ts': `export const p = 1;\n`,
      'warehouse/read.ts': `export const w = 1;\n`,
      'alerts/send.ts': `import { w } from '../warehouse/read.ts';\nimport { p } from '../core/period.ts';\nexport const s = w + p;\n`,
      'pipelines/alert.ts': `import { s } from '../alerts/send.ts';\nexport const a = s;\n`,
      'cli/test.ts': `import { s } from '../alerts/send.ts';\nexport const t = s;\n`,
    });
    expect(result.output).toContain('alerts-imports-down-only: alerts/send.ts → warehouse/read.ts');
    expect(result.output).toContain('cli-calls-pipelines: cli/test.ts → alerts/send.ts');
    expect(result.output).not.toContain('pipelines/alert.ts →');
  });

  it('fails on a circle', async () => {
    const result = await cruise({
      'sources/a.ts': `import { b } from './b.ts';\nexport const a = () => b;\n`,
      'sources/b.ts': `import { a } from './a.ts';\nexport const b = () => a;\n`,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('no-circular');
  });
});
