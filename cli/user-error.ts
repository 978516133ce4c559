/** The error type for failures the user can act on; `main` prints it without a stack trace. */
/** A failure the user can act on: printed without a stack trace, exit code 1 (or as given). */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
