/** `--format md,html` → the listed formats, each one of `allowed`; anything else is a usage error (exit 2). */
import { UserError } from './user-error.ts';

/** Parse a comma-separated format list against `allowed`, dropping repeats. */
export function parseFormatList<F extends string>(text: string, allowed: readonly F[]): F[] {
  const formats = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(allowed as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0)
    throw new UserError(`--format takes ${allowed.join(',')}; got "${text}"`, 2);
  return [...new Set(formats)] as F[];
}
