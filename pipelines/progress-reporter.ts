/**
 * How a run shows progress: progress bars (cli-progress) on a terminal, one JSON object per line
 * otherwise (cron, CI, log files), so a machine can follow every step and every file.
 */
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';

export interface ProgressEvent {
  readonly event: 'step_started' | 'item' | 'step_finished' | 'message';
  readonly step?: string;
  readonly total?: number;
  readonly item?: string;
  readonly status?: string;
  readonly items?: number;
  readonly message?: string;
}

export interface ProgressReporter {
  report(event: ProgressEvent): void;
  /** Stop any bars still drawn. */
  stop(): void;
}

/** Bars on a TTY stream, JSON lines otherwise. */
export function createProgressReporter(stream: Writable & { isTTY?: boolean }): ProgressReporter {
  return stream.isTTY ? barReporter(stream) : jsonLinesReporter(stream);
}

/** One JSON object per line, stamped with the time. */
export function jsonLinesReporter(stream: Writable): ProgressReporter {
  return {
    report(event) {
      stream.write(JSON.stringify({ time: new Date().toISOString(), ...event }) + '\n');
    },
    stop() {},
  };
}

function barReporter(stream: Writable): ProgressReporter {
  let bar: cliProgress.SingleBar | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    report(event) {
      if (event.event === 'step_started') {
        stop();
        bar = new cliProgress.SingleBar(
          {
            stream: stream as NodeJS.WriteStream,
            format: `${event.step?.padEnd(8)} [{bar}] {value}/{total} {item}`,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(event.total ?? 1, 1), 0, { item: '' });
      } else if (event.event === 'item') bar?.increment({ item: event.item ?? '' });
      else if (event.event === 'step_finished') {
        bar?.update(bar.getTotal(), { item: event.message ?? event.status ?? '' });
        stop();
      } else {
        stop();
        stream.write(`${event.message}\n`);
      }
    },
    stop,
  };
}
