import express, { type Request, type RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';

/** `jsonOrForm`: a web page's script posts JSON, the same page without scripts posts its form as is. */
export type BodyKind = 'json' | 'form' | 'jsonOrForm' | 'raw';

/** The media types each kind reads, as the OpenAPI document lists them. */
export const MEDIA_TYPES: Record<BodyKind, string[]> = {
  json: ['application/json'],
  form: ['application/x-www-form-urlencoded'],
  jsonOrForm: ['application/json', 'application/x-www-form-urlencoded'],
  raw: ['*/*'],
};

/** A request with no body (or an empty one) has nothing to be in the wrong media type. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * Reads a body of the kind's media types. A body of another type is a 415 naming the types wanted — rather than
 * an unread body that the schema then calls "undefined". Charsets other than UTF-8, unknown content encodings
 * and oversize bodies are refused by the parser itself and reach the error middleware as HTTP errors.
 */
export function parseBody(kind: BodyKind, limit: string): RequestHandler[] {
  const parsers = {
    json: express.json({ limit, strict: true }),
    form: express.urlencoded({ extended: false, limit }),
    raw: express.raw({ type: '*/*', limit }),
  };
  const parse: RequestHandler[] =
    kind === 'jsonOrForm' ? [parsers.json, parsers.form] : [parsers[kind]];
  const requireMediaType: RequestHandler = (req, _res, next) => {
    const wanted = MEDIA_TYPES[kind];
    if (kind !== 'raw' && hasBody(req) && !req.is(wanted)) {
      const types = wanted.join(' or ');
      throw new AppError(
        ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        `Send the body as ${types} (Content-Type: ${wanted[0]}); got ${req.get('content-type') ?? 'no Content-Type'}.`,
      );
    }
    next();
  };
  return [requireMediaType, ...parse];
}
