/**
 * What a run tells the person (or log collector) watching: on a terminal, readable lines and a
 * progress bar over the files; otherwise one JSON object per line, for the nightly log. Every line
 * written passes `maskNationalIds`: a file name or an error quoting a row never shows an ID.
 */
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { FileCounts } from '../core/file-counts.ts';
import { maskNationalIds } from '../core/mask-national-ids.ts';

export type RunEvent =
  | { readonly event: 'run_started'; readonly runId: string; readonly files: number }
  | { readonly event: 'lock_recovered'; readonly pid: number; readonly startedAt: string }
  | { readonly event: 'step_started'; readonly step: string }
  | {
      readonly event: 'step_finished';
      readonly step: string;
      readonly items: number;
      readonly ms: number;
      readonly message?: string;
    }
  | {
      readonly event: 'file';
      readonly file: string;
      readonly status: string;
      readonly errors: number;
      readonly warnings: number;
      /** The file's accounting, as `kpi ingest --json` gives it. */
      readonly counts: FileCounts;
    }
  | { readonly event: 'report'; readonly period: string; readonly files: readonly string[] }
  | { readonly event: 'report_skipped'; readonly period: string | null; readonly reason: string }
  | { readonly event: 'run_finished'; readonly runId: string; readonly status: string; readonly ms: number }
  | {
      readonly event: 'alert';
      readonly kind: string;
      readonly channel: string;
      readonly ok: boolean;
      readonly attempts: number;
      readonly error?: string;
    }
  | { readonly event: 'message'; readonly text: string };

export interface RunLog {
  emit(event: RunEvent): void;
  /** Progress over `total` items of a step (a bar on a terminal, nothing in JSON mode). */
  progress(total: number): { tick(): void; stop(): void };
}

/** A log writing JSON lines (not a TTY) or human lines with a progress bar (TTY). */
export function createRunLog(
  stream: Writable & { isTTY?: boolean },
  clock: () => Date = () => new Date(),
): RunLog {
  if (!stream.isTTY) {
    return {
      emit: (event) =>
        stream.write(maskNationalIds(JSON.stringify({ time: clock().toISOString(), ...event })) + '\n'),
      progress: () => ({ tick() {}, stop() {} }),
    };
  }
  return {
    emit: (event) => {
      const line = humanLine(event);
      if (line) stream.write(maskNationalIds(line) + '\n');
    },
    progress(total) {
      const bar = new cliProgress.SingleBar(
        { stream, format: '  {bar} {value}/{total} files', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      return { tick: () => bar.increment(), stop: () => bar.stop() };
    },
  };
}

/** A log that writes only `message` events, as `kpi: …` lines (what `kpi ingest` and `kpi init` say aside). */
export function createMessageLog(stream: Writable): RunLog {
  return {
    emit: (event) => {
      if (event.event === 'message') stream.write(`kpi: ${maskNationalIds(event.text)}\n`);
    },
    progress: () => ({ tick() {}, stop() {} }),
  };
}

/** A log that keeps events in memory (tests, the demo's quiet runs). */
export function createMemoryLog(): RunLog & { readonly events: RunEvent[] } {
  const events: RunEvent[] = [];
  return { events, emit: (e) => events.push(e), progress: () => ({ tick() {}, stop() {} }) };
}

/** `read 12, stored 9, not reported 2, left out: non_numeric 1`. */
function describeCounts(counts: FileCounts): string {
  const left = Object.entries(counts.left_out).map(([reason, n]) => `${reason} ${n}`);
  return `read ${counts.read}, stored ${counts.stored}, not reported ${counts.not_reported}${left.length ? `, left out: ${left.join(', ')}` : ''}`;
}

function humanLine(event: RunEvent): string | null {
  switch (event.event) {
    case 'run_started':
      return `run ${event.runId}: ${event.files} file(s) in the inbox`;
    case 'lock_recovered':
      return `recovered the lock of a run that died (pid ${event.pid}, started ${event.startedAt})`;
    case 'step_started':
      return null;
    case 'step_finished':
      return `  ${event.step}: ${event.items} item(s), ${event.ms} ms${event.message ? ` — ${event.message}` : ''}`;
    case 'file':
      return `  ${event.status.padEnd(9)} ${event.file}${event.errors ? ` (${event.errors} error(s))` : ''}${event.warnings ? ` (${event.warnings} warning(s))` : ''}${event.counts.read ? ` [${describeCounts(event.counts)}]` : ''}`;
    case 'report':
      return `  bulletin ${event.period}: ${event.files.join(', ')}`;
    case 'report_skipped':
      return `  no bulletin${event.period ? ` for ${event.period}` : ''}: ${event.reason}`;
    case 'run_finished':
      return `run ${event.runId} ${event.status} in ${event.ms} ms`;
    case 'alert':
      return event.ok
        ? `  告警 ${event.kind} → ${event.channel}：已送达`
        : `  告警 ${event.kind} → ${event.channel}：未送达（尝试${event.attempts}次：${event.error}）`;
    case 'message':
      return event.text;
  }
}
