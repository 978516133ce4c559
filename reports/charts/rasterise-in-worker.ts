/**
 * Charts rasterised beside the main thread: worker threads draw the PNGs with resvg
 * (`renderChartPng`) while the report's other formats are built, so a bulletin's thirty charts
 * (about a second of WebAssembly on one core) take half that on two and no longer hold up the
 * Markdown and HTML. Up to one worker per core (at most `MAX_WORKERS`), started on first use, kept warm for the
 * process's next report (resvg's compiled code and the fonts stay loaded), and not keeping the
 * process alive when idle. A worker that fails takes the charts it holds with it (each rejects
 * with the reason) and is replaced on next use.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../core/start-module-worker.ts';

/** Most drawing workers in a process: each holds its own copy of the CJK fonts (about 40 MB). */
const MAX_WORKERS = 4;
/** Charts sent to a worker before it answers: one being drawn, one waiting, so it never idles. */
const IN_FLIGHT = 2;

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
    if (d.held.size > 0) d.worker.ref();
    else d.worker.unref();
  }
}

/** PNG bytes of `svg` at `scale` (2: print resolution for an A4 page width), drawn in a worker. */
export function rasteriseInWorker(svg: string, scale = 2): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    queue.push({ id: nextId++, svg, scale, resolve, reject });
    dispatch();
  });
}
