import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { ErrorCodes, isAppError, type ErrorCode } from '../../domain/errors';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  TOO_LATE: 409,
  CONTACT_UNREACHABLE: 422,
  CONSENT_REVOKED: 422,
  WHATSAPP_WINDOW_CLOSED: 422,
  RATE_LIMITED: 429,
  COMPLIANCE_REPLY_LIMIT: 429,
  TEMPLATE_INVALID: 422,
  NOT_PUBLISHED: 409,
  ALREADY_ENROLLED: 409,
  PROVIDER_PERMANENT: 502,
  PROVIDER_TRANSIENT: 503,
  SEND_RETRIES_EXHAUSTED: 502,
  UNAVAILABLE: 503,
  CONFIG: 500,
  INTERNAL: 500,
};

/** The one place errors become HTTP: codes map to statuses; unknown errors become a 500 with no internals. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof ZodError) {
      res.status(400).json({
        error: {
          code: ErrorCodes.VALIDATION,
          message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
          issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      });
      return;
    }
    if (isAppError(error)) {
      const status = STATUS[error.code] ?? 500;
      if (status >= 500) logger.error({ err: error, path: req.path }, error.message);
      if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.ceil(error.retryAfterSeconds)));
      res.status(status).json({ error: { code: error.code, message: error.userMessage, ...(error.details ? { details: error.details } : {}) } });
      return;
    }
    // body-parser's own errors carry a status and a type.
    const http = error as { status?: number; type?: string; message?: string };
    if (http?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: ErrorCodes.VALIDATION, message: 'Request body is not valid JSON' } });
      return;
    }
    if (http?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: ErrorCodes.VALIDATION, message: 'Request body is too large' } });
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: ErrorCodes.INTERNAL, message: 'Something went wrong on our side.' } });
  };
}
