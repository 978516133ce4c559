/**
 * An old workbook (.xls, or WPS's .et saved as BIFF) turned into .xlsx by LibreOffice
 * (`soffice --headless --convert-to xlsx`), in a private temp folder of its own with its own
 * LibreOffice profile (so concurrent conversions never share a lock), within a time limit.
 */
import { spawn } from 'node:child_process';
import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPrivateTempDir, removePrivateTempDir } from '../../core/private-temp.ts';

/** How a conversion ended: the .xlsx (remove it with `cleanup`), or why there is none. */
export type OldWorkbookConversion =
  | { readonly ok: true; readonly file: string; cleanup(): void }
  | { readonly ok: false; readonly reason: 'not_installed' | 'timeout' | 'failed'; readonly detail: string };

/**
 * Convert the old workbook at `filePath` into an .xlsx in a private folder beside the warehouse
 * `db`, giving up after `timeoutMs` (the whole LibreOffice process group is killed then).
 * `command` is the LibreOffice program (default `soffice` on the PATH).
 *
 * @example
 * const converted = await convertOldWorkbook('inbox/市南区2022年10月.xls', { db, timeoutMs: 60_000 });
 * if (converted.ok) try { await read(converted.file); } finally { converted.cleanup(); }
 */
export async function convertOldWorkbook(
  filePath: string,
  options: { readonly db: string; readonly timeoutMs: number; readonly command?: string },
): Promise<OldWorkbookConversion> {
  const dir = createPrivateTempDir(options.db, 'convert-');
  const cleanup = () => removePrivateTempDir(dir);
  try {
    // A copy with a plain name: the district's file name may hold anything, and LibreOffice names
    // its output after its input.
    const input = path.join(dir, 'input.xls');
    await copyFile(filePath, input);
    const outDir = path.join(dir, 'out');
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const ran = await run(
      options.command ?? 'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx',
        '--outdir',
        outDir,
        input,
      ],
      options.timeoutMs,
    );
    if (ran.kind !== 'exited') {
      cleanup();
      return { ok: false, reason: ran.kind, detail: ran.detail };
    }
    const produced = await readdir(outDir).catch(() => [] as string[]);
    if (!produced.includes('input.xlsx')) {
      cleanup();
      return { ok: false, reason: 'failed', detail: ran.detail.trim().slice(-300) || `exit ${ran.code}` };
    }
    return { ok: true, file: path.join(outDir, 'input.xlsx'), cleanup };
  } catch (error) {
    cleanup();
    return { ok: false, reason: 'failed', detail: (error as Error).message };
  }
}

type Ran =
  | { readonly kind: 'exited'; readonly code: number | null; readonly detail: string }
  | { readonly kind: 'not_installed' | 'timeout' | 'failed'; readonly detail: string };

/** Run `command` in a process group of its own, killed whole when `timeoutMs` passes. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ kind: error.code === 'ENOENT' ? 'not_installed' : 'failed', detail: error.message });
    });
    // Settled once the process is reaped, so nothing of it outlives the conversion.
    child.on('close', (code) => {
      clearTimeout(timer);
      // soffice's helpers may outlive it: nothing of the group stays behind.
      killGroup(child.pid);
      resolve(
        timedOut
          ? { kind: 'timeout', detail: `${Math.round(timeoutMs / 1000)} s` }
          : { kind: 'exited', code, detail: output },
      );
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has ended already.
  }
}
