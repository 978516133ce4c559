// @module-tag process
/**
 * The import rules of `.dependency-cruiser.cjs` (run by `npm run check`) really fail on an upward
 * import and on a circle: proven on a throw-away tree, so main itself never holds a violation.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck, writeTree, type CheckResult } from '../helpers/throwaway-tree.ts';

const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');
const config = path.join(root, '.dependency-cruiser.cjs');

/** Write `files` (relative path → source) into a fresh tree and cruise its folders with the project's rules. */
async function cruise(files: Record<string, string>): Promise<CheckResult> {
  const tree = writeTree(files);
  const folders = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
  return runCheck(depcruise, ['--config', config, ...folders], tree);
}

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

  it('fails when the board imports a report, or a report the board', async () => {
    const result = await cruise({
      'reports/format.ts': `export const f = 1;\n`,
      'serve/page.ts': `import { f } from '../reports/format.ts';\nexport const p = f;\n`,
      'reports/bulletin.ts': `import { p } from '../serve/page.ts';\nexport const b = p;\n`,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('serve-imports-down-only: serve/page.ts → reports/format.ts');
    expect(result.output).toContain('reports-imports-down-only: reports/bulletin.ts → serve/page.ts');
  });

  it('lets the board and the reports share figures/, which imports neither', async () => {
    const shared = await cruise({
      'figures/format.ts': `export const f = 1;\n`,
      'serve/page.ts': `import { f } from '../figures/format.ts';\nexport const p = f;\n`,
      'reports/bulletin.ts': `import { f } from '../figures/format.ts';\nexport const b = f;\n`,
    });
    expect(shared).toMatchObject({ code: 0 });
    const upward = await cruise({
      'reports/data.ts': `export const d = 1;\n`,
      'figures/status.ts': `import { d } from '../reports/data.ts';\nexport const s = d;\n`,
    });
    expect(upward.code).not.toBe(0);
    expect(upward.output).toContain('figures-imports-down-only: figures/status.ts → reports/data.ts');
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
