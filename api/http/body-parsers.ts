import express, { type Request, type RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';

export type BodyKind = 'json' | 'form' | 'raw';

export const MEDIA_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  raw: '*/*',
};

/** A request with no body (or an empty one) has nothing to be in the wrong media type. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * Reads a body of one media type. A body of another type is a 415 naming the type wanted — rather than an
 * unread body that the schema then calls "undefined". Charsets other than UTF-8, unknown content encodings and
 * oversize bodies are refused by the parser itself and reach the error middleware as HTTP errors.
 */
export function parseBody(kind: BodyKind, limit: string): RequestHandler[] {
  const parse =
    kind === 'json'
      ? express.json({ limit, strict: true })
      : kind === 'form'
        ? express.urlencoded({ extended: false, limit })
        : express.raw({ type: '*/*', limit });
  const requireMediaType: RequestHandler = (req, _res, next) => {
    if (kind !== 'raw' && hasBody(req) && !req.is(MEDIA_TYPES[kind])) {
      throw new AppError(
        ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        `Send the body as ${MEDIA_TYPES[kind]} (Content-Type: ${MEDIA_TYPES[kind]}); got ${req.get('content-type') ?? 'no Content-Type'}.`,
      );
    }
    next();
  };
  return [requireMediaType, parse];
}
