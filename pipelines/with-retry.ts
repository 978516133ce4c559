/**
 * Retrying transient faults (a busy file, a DuckDB lock held for a moment) with exponential backoff.
 * Anything else is thrown at once: retrying a real error only hides it.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether an error is worth another attempt: EBUSY, EAGAIN, ETXTBSY or a DuckDB file-lock conflict. */
export function isTransientError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EBUSY' || code === 'EAGAIN' || code === 'ETXTBSY') return true;
  return /could not set lock on file|resource temporarily unavailable/i.test(
    String((error as Error)?.message),
  );
}

/** Run `work`, retrying transient errors up to `attempts` times with delays of base, 2·base, 4·base… ms. */
export async function withRetry<T>(
  work: () => Promise<T>,
  options: {
    attempts?: number;
    baseDelayMs?: number;
    onRetry?: (error: unknown, attempt: number) => void;
  } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientError(error)) throw error;
      options.onRetry?.(error, attempt);
      await sleep(base * 2 ** (attempt - 1));
    }
  }
}
