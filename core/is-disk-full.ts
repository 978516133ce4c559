/**
 * Whether a failure is the machine's disk running out (ENOSPC, a quota, or DuckDB's words for it)
 * rather than a fault of the file being read: such a file is tried again once there is space.
 */

/** True for "no space left on device" in any of its forms. */
export function isDiskFull(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException | undefined;
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT') return true;
  const text = typeof error === 'string' ? error : (e?.message ?? '');
  return /No space left on device|ENOSPC|disk quota exceeded|disk is full/i.test(text);
}
