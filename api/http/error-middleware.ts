import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { AppError, ErrorCodes, isAppError, type ErrorCode } from '../../domain/errors';

/** The status of every error code; the OpenAPI document lists each route's codes under these statuses. */
export const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
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
  SUBMITTED_TOO_FAST: 422,
  CREDENTIALS_REJECTED: 422,
  PROVIDER_PERMANENT: 502,
  PROVIDER_TRANSIENT: 503,
  SEND_RETRIES_EXHAUSTED: 502,
  UNAVAILABLE: 503,
  CONFIG: 500,
  INTERNAL: 500,
};

/** What body-parser and Express's router throw for a request they cannot read (http-errors, or a URIError with a status). */
interface HttpError {
  status?: number;
  type?: string;
  message?: string;
  charset?: string;
  encoding?: string;
  limit?: number;
}

/** A request Express or the body parser could not read is the caller's mistake: say which, in the caller's terms. */
function fromHttpError(error: unknown): AppError | null {
  const http = error as HttpError | null;
  const status = typeof http?.status === 'number' ? http.status : null;
  if (!http || status === null || status < 400 || status >= 500) return null;
  switch (http.type) {
    case 'entity.parse.failed':
      return new AppError(ErrorCodes.VALIDATION, 'Request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(ErrorCodes.PAYLOAD_TOO_LARGE, `Request body is too large${http.limit ? ` (at most ${http.limit} bytes here)` : ''}`);
    case 'parameters.too.many':
      return new AppError(ErrorCodes.PAYLOAD_TOO_LARGE, 'The form has too many fields');
    case 'charset.unsupported':
      return new AppError(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, `The body's charset "${(http.charset ?? '').toUpperCase()}" is not supported: send UTF-8`);
    case 'encoding.unsupported':
      return new AppError(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, `Content-Encoding "${http.encoding ?? ''}" is not supported: send the body as is, or gzip, deflate or br`);
    default:
      break;
  }
  if (error instanceof URIError) return new AppError(ErrorCodes.VALIDATION, 'The URL path is not valid percent-encoding');
  const code = status === 413 ? ErrorCodes.PAYLOAD_TOO_LARGE : status === 415 ? ErrorCodes.UNSUPPORTED_MEDIA_TYPE : ErrorCodes.VALIDATION;
  return new AppError(code, http.message ?? 'The request could not be read');
}

/**
 * What a unique index covered, for people: Prisma's `meta.target`, or — through the Postgres driver adapter —
 * the index name less its table and tenant prefix (`contacts_tenant_id_email_key` → `email`).
 */
function uniqueFields(meta: unknown): string[] {
  const m = meta as { target?: unknown; driverAdapterError?: { cause?: { table?: string; constraint?: { fields?: unknown; index?: string } } } } | undefined;
  const cause = m?.driverAdapterError?.cause;
  const fields = m?.target ?? cause?.constraint?.fields;
  if (Array.isArray(fields)) return fields.map(String).filter((f) => f !== 'tenant_id' && f !== 'tenantId');
  const index = cause?.constraint?.index;
  if (!index) return [];
  return [index.replace(cause.table ? `${cause.table}_` : '', '').replace(/_key$/, '').replace(/^tenant_id_/, '')];
}

/**
 * A write that a unique index refused, in a query that did not expect it: the caller's data conflicts with a
 * row that exists — a 409, not a crash. Matched by name and code, as Prisma's errors may cross module copies.
 */
function fromUniqueViolation(error: unknown): AppError | null {
  const prisma = error as { name?: string; code?: string; meta?: unknown } | null;
  if (prisma?.name !== 'PrismaClientKnownRequestError' || prisma.code !== 'P2002') return null;
  const fields = uniqueFields(prisma.meta);
  return new AppError(ErrorCodes.CONFLICT, `This conflicts with an existing record${fields.length ? ` (same ${fields.join(', ')})` : ''}`, {
    details: { fields },
    cause: error,
  });
}

/** The one place errors become HTTP: codes map to statuses; unknown errors become a 500 with no internals. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof ZodError) {
      res.status(STATUS.VALIDATION).json({
        error: {
          code: ErrorCodes.VALIDATION,
          message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
          issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      });
      return;
    }
    const unique = fromUniqueViolation(error);
    // A query that meets a unique index it did not expect deserves a look, even though the caller gets a 409.
    if (unique) logger.warn({ err: error, path: req.path }, 'unexpected unique violation answered as a conflict');
    const appError = isAppError(error) ? error : (fromHttpError(error) ?? unique);
    if (appError) {
      const status = STATUS[appError.code] ?? 500;
      if (status >= 500) logger.error({ err: appError, path: req.path }, appError.message);
      if (appError.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.ceil(appError.retryAfterSeconds)));
      res.status(status).json({ error: { code: appError.code, message: appError.userMessage, ...(appError.details ? { details: appError.details } : {}) } });
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled error');
    res.status(STATUS.INTERNAL).json({ error: { code: ErrorCodes.INTERNAL, message: 'Something went wrong on our side.' } });
  };
}
