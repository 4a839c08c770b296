/**
 * Every failure Herald reports carries a stable code. Codes cross process and Temporal boundaries as strings
 * (ApplicationFailure.type), so match on `code`, never on `instanceof`.
 */
export const ErrorCodes = {
  VALIDATION: 'VALIDATION',
  /** The request body is not in a media type (or charset, or content encoding) the route reads. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The request body is larger, or has more fields, than the route accepts. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** A change authenticated by a session cookie that did not come from the app's own origin (cross-site request forgery). */
  CSRF_REJECTED: 'CSRF_REJECTED',
  CONFLICT: 'CONFLICT',
  TOO_LATE: 'TOO_LATE',
  CONTACT_UNREACHABLE: 'CONTACT_UNREACHABLE',
  CONSENT_REVOKED: 'CONSENT_REVOKED',
  WHATSAPP_WINDOW_CLOSED: 'WHATSAPP_WINDOW_CLOSED',
  RATE_LIMITED: 'RATE_LIMITED',
  COMPLIANCE_REPLY_LIMIT: 'COMPLIANCE_REPLY_LIMIT',
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  NOT_PUBLISHED: 'NOT_PUBLISHED',
  ALREADY_ENROLLED: 'ALREADY_ENROLLED',
  /** A lead form sent sooner after it was drawn than a person fills one: taken for a bot's, and kept nowhere. */
  SUBMITTED_TOO_FAST: 'SUBMITTED_TOO_FAST',
  /** A provider refused the credentials a tenant gave for its own account. */
  CREDENTIALS_REJECTED: 'CREDENTIALS_REJECTED',
  PROVIDER_PERMANENT: 'PROVIDER_PERMANENT',
  PROVIDER_TRANSIENT: 'PROVIDER_TRANSIENT',
  SEND_RETRIES_EXHAUSTED: 'SEND_RETRIES_EXHAUSTED',
  UNAVAILABLE: 'UNAVAILABLE',
  CONFIG: 'CONFIG',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface AppErrorOptions {
  /** Safe to show to the API caller or the agent; defaults to `message`. */
  userMessage?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
  /** When trying again may succeed, and how soon: sent as HTTP Retry-After (seconds). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.userMessage = options.userMessage ?? message;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && typeof (error as AppError).code === 'string';
}

/**
 * Codes for which trying the same thing again cannot help: Temporal must not retry an activity that failed
 * with one of them. The rest (unavailable, transient provider errors, rate limits, internal bugs) may heal.
 */
const PERMANENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCodes.VALIDATION,
  ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
  ErrorCodes.PAYLOAD_TOO_LARGE,
  ErrorCodes.NOT_FOUND,
  ErrorCodes.UNAUTHENTICATED,
  ErrorCodes.FORBIDDEN,
  ErrorCodes.CSRF_REJECTED,
  ErrorCodes.CONFLICT,
  ErrorCodes.TOO_LATE,
  ErrorCodes.CONTACT_UNREACHABLE,
  ErrorCodes.CONSENT_REVOKED,
  ErrorCodes.WHATSAPP_WINDOW_CLOSED,
  ErrorCodes.TEMPLATE_INVALID,
  ErrorCodes.NOT_PUBLISHED,
  ErrorCodes.ALREADY_ENROLLED,
  ErrorCodes.SUBMITTED_TOO_FAST,
  ErrorCodes.PROVIDER_PERMANENT,
  ErrorCodes.CREDENTIALS_REJECTED,
  ErrorCodes.SEND_RETRIES_EXHAUSTED,
  ErrorCodes.COMPLIANCE_REPLY_LIMIT,
  ErrorCodes.CONFIG,
]);

export function isPermanentErrorCode(code: string): boolean {
  return PERMANENT_CODES.has(code as ErrorCode);
}
