/**
 * The worker side of `transcodeToUtf8`'s parts: transcodes the one range it is sent and answers
 * with success, or with the first bad byte offset.
 */
import { parentPort } from 'node:worker_threads';
import { EncodingError, transcodeRange, type ByteRange } from './transcode-to-utf8.ts';

parentPort!.once(
  'message',
  async ({ file, range, target }: { file: string; range: ByteRange; target: string }) => {
    try {
      await transcodeRange(file, range, target);
      parentPort!.postMessage({ ok: true });
    } catch (error) {
      parentPort!.postMessage({
        ok: false,
        offset: error instanceof EncodingError ? error.byteOffset : undefined,
        message: (error as Error)?.message ?? String(error),
      });
    }
  },
);
