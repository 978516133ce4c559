/**
 * Charts rasterised beside the main thread: worker threads draw the PNGs with resvg
 * (`renderChartPng`) while the report's other formats are built, so a bulletin's thirty charts
 * (about a second of WebAssembly on one core) take half that on two and no longer hold up the
 * Markdown and HTML. Up to one worker per core (at most `MAX_WORKERS`), started on first use and
 * kept warm for the process's next report (resvg's compiled code and the fonts stay loaded) until
 * it has been idle for `IDLE_MS`, so a long-running scheduler does not hold their memory all day.
 * An idle worker never keeps the process alive. A worker that fails takes the charts it holds with
 * it (each rejects with the reason) and is replaced on next use.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../core/start-module-worker.ts';

/** Most drawing workers in a process: each holds its own copy of the CJK fonts (about 40 MB). */
const MAX_WORKERS = 4;
/** Charts sent to a worker before it answers: one being drawn, one waiting, so it never idles. */
const IN_FLIGHT = 2;
/** An idle worker ends after this long: longer than the gap between two bulletins of one run or demo. */
const IDLE_MS = 30_000;

interface Job {
  readonly id: number;
  readonly svg: string;
  readonly scale: number;
  readonly resolve: (png: Buffer) => void;
  readonly reject: (error: Error) => void;
}

interface Answer {
  readonly id: number;
  readonly png?: Uint8Array;
  readonly error?: string;
}

interface Drawer {
  readonly worker: Worker;
  readonly held: Map<number, Job>;
  /** Ends the worker once idle for `IDLE_MS`; set while it holds nothing. */
  idle?: NodeJS.Timeout;
}

const drawers: Drawer[] = [];
const queue: Job[] = [];
let nextId = 0;

function startDrawer(): Drawer {
  const drawer: Drawer = {
    worker: startModuleWorker('./chart-png-worker.ts', import.meta.url),
    held: new Map(),
  };
  const lose = (error: Error) => {
    const at = drawers.indexOf(drawer);
    if (at < 0) return;
    drawers.splice(at, 1);
    clearTimeout(drawer.idle);
    for (const job of drawer.held.values()) job.reject(error);
    drawer.held.clear();
    dispatch();
  };
  drawer.worker.on('message', ({ id, png, error }: Answer) => {
    const job = drawer.held.get(id);
    if (!job) return;
    drawer.held.delete(id);
    if (png) job.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    else job.reject(new Error(`a chart could not be drawn as PNG: ${error}`));
    dispatch();
  });
  drawer.worker.on('error', (error: Error) => lose(error));
  drawer.worker.on('exit', (code) => lose(new Error(`a chart-drawing worker ended (exit code ${code})`)));
  drawers.push(drawer);
  return drawer;
}

/** Hand queued charts to workers with room, starting workers while there are more charts than room. */
function dispatch(): void {
  while (queue.length > 0) {
    let drawer = drawers.find((d) => d.held.size < IN_FLIGHT);
    if (!drawer && drawers.length < Math.min(MAX_WORKERS, availableParallelism())) drawer = startDrawer();
    if (!drawer) break;
    const job = queue.shift()!;
    drawer.held.set(job.id, job);
    drawer.worker.postMessage({ id: job.id, svg: job.svg, scale: job.scale });
  }
  for (const d of drawers) {
    clearTimeout(d.idle);
    d.idle = undefined;
    if (d.held.size > 0) {
      d.worker.ref();
      continue;
    }
    d.worker.unref();
    d.idle = setTimeout(() => {
      const at = drawers.indexOf(d);
      if (at >= 0) drawers.splice(at, 1);
      void d.worker.terminate();
    }, IDLE_MS).unref();
  }
}

/** PNG bytes of `svg` at `scale` (2: print resolution for an A4 page width), drawn in a worker. */
export function rasteriseInWorker(svg: string, scale = 2): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    queue.push({ id: nextId++, svg, scale, resolve, reject });
    dispatch();
  });
}
