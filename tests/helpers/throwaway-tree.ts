/**
 * Throw-away source trees for the house-rule tests: write a few files into a fresh folder, run a
 * checker on it, and remove every tree afterwards, so the real tree never holds a violation.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';

/** A checker's exit code and what it printed. */
export interface CheckResult {
  readonly code: number;
  readonly output: string;
}

/** Trees made by `writeTree` in this test file, removed after each test. */
const trees: string[] = [];
afterEach(() => {
  for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
});

/** Write `files` (relative path → source) into a fresh folder; returns the folder. */
export function writeTree(files: Record<string, string>): string {
  const tree = mkdtempSync(path.join(tmpdir(), 'kpi-tree-'));
  trees.push(tree);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), source);
  }
  return tree;
}

/** Run `command` with `args` in `cwd`; a failing exit is a result, not a throw. */
export async function runCheck(command: string, args: readonly string[], cwd: string): Promise<CheckResult> {
  try {
    const { stdout } = await promisify(execFile)(command, [...args], { cwd });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}
