/**
 * A failed call to Herald's API, as the UI shows it. `code` is the API's stable error code, or one of the
 * client's own: NETWORK (no answer), BAD_RESPONSE (an answer whose shape does not match the shared schema:
 * shown as an error, never as data).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    /** HTTP status, or null when no response arrived. */
    readonly status: number | null,
    readonly extra: { details?: Record<string, unknown>; issues?: Array<{ path: string; message: string }> } = {},
  ) {
    super(message);
  }

  /** The message for one form field, from a VALIDATION error's issues (`path` as the API dots it). */
  fieldMessage(path: string): string | undefined {
    return this.extra.issues?.find((issue) => issue.path === path)?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}

/** A sentence fit for the screen, whatever was thrown (never a stack trace or raw JSON). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return 'Something unexpected went wrong. Try again; if it keeps happening, reload the page.';
}
