/**
 * Retries work that failed for a passing reason (a file busy, a lock held for a moment) with
 * exponential backoff; any other error is thrown at once.
 */

const TRANSIENT_CODES = new Set(['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ETXTBSY']);

/** Whether an error is worth retrying. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && TRANSIENT_CODES.has(e.code)) return true;
  return /could not set lock on file|database is locked|resource temporarily unavailable/i.test(
    e?.message ?? '',
  );
}

/** Run `work`, retrying transient failures up to `attempts` times (100 ms, 200 ms, 400 ms, …). */
export async function withRetry<T>(work: () => Promise<T>, attempts = 5, baseMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, baseMs * 2 ** (attempt - 1)));
    }
  }
}
