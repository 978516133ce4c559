/**
 * Send one alert to every channel at once, each retried with backoff (200 ms, 400 ms) while the
 * shared time budget lasts. Never throws: a channel that does not answer is a result, so the run
 * that raised the alert is never failed or held up by it beyond `budgetMs`.
 */
import type { AlertMessage } from './alert-event.ts';
import type { AlertChannel } from './alert-channel.ts';
import { sendEmail } from './send-email.ts';
import { sendWebhook } from './send-webhook.ts';

/** How one channel took the alert. */
export interface ChannelResult {
  readonly channel: string;
  readonly ok: boolean;
  readonly attempts: number;
  /** The last failure (English detail: the endpoint's or the socket's words). */
  readonly error?: string;
}

const MAX_ATTEMPTS = 3;
const BACKOFF_MS = 200;

/**
 * Deliver `message` to `channels` within `budgetMs` in all.
 *
 * @example
 * const results = await deliverAlert(formatAlert(event), alertChannels(config.alerts),
 *   { fetch, now: () => new Date(), budgetMs: 5000 });
 */
export async function deliverAlert(
  message: AlertMessage,
  channels: readonly AlertChannel[],
  io: { fetch: typeof fetch; now: () => Date; budgetMs: number },
): Promise<ChannelResult[]> {
  const deadline = performance.now() + io.budgetMs;
  return Promise.all(channels.map((channel) => deliverOne(message, channel, io, deadline)));
}

async function deliverOne(
  message: AlertMessage,
  channel: AlertChannel,
  io: { fetch: typeof fetch; now: () => Date; budgetMs: number },
  deadline: number,
): Promise<ChannelResult> {
  let error = 'no time left to try';
  let attempts = 0;
  while (attempts < MAX_ATTEMPTS) {
    // Each attempt may take at most half the budget, so a hanging endpoint still leaves time to retry.
    const timeoutMs = Math.min(deadline - performance.now(), io.budgetMs / 2);
    if (timeoutMs < 50) break;
    attempts++;
    try {
      await withTimeout(timeoutMs, (signal) =>
        channel.type === 'webhook'
          ? sendWebhook(channel.hook, message, { fetch: io.fetch, now: io.now(), signal })
          : sendEmail(channel.email, message, timeoutMs),
      );
      return { channel: channel.label, ok: true, attempts };
    } catch (caught) {
      error = (caught as Error).message.split('\n')[0]!;
    }
    const pause = BACKOFF_MS * 2 ** (attempts - 1);
    if (attempts >= MAX_ATTEMPTS || performance.now() + pause >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return { channel: channel.label, ok: false, attempts, error };
}

/** Run `work` with an abort signal that fires, and a rejection, after `ms`. */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${Math.round(ms)} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
