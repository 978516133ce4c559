/**
 * The worker side of `rasteriseInWorker`: rasterises each SVG it is sent, in order, and answers
 * with the PNG bytes or the error's message.
 */
import { parentPort } from 'node:worker_threads';
import { renderChartPng } from './render-chart-png.ts';

interface Job {
  readonly id: number;
  readonly svg: string;
  readonly scale: number;
}

parentPort!.on('message', ({ id, svg, scale }: Job) => {
  try {
    parentPort!.postMessage({ id, png: renderChartPng(svg, scale) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error)?.message ?? String(error) });
  }
});
