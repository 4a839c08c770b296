import type { Request } from 'express';

/** Where callers reach this API: the configured public URL, else the scheme and host this request came to. */
export function publicBaseUrl(req: Request, configured?: string): string {
  return configured ? configured.replace(/\/+$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The URL the provider called, as it called it: signatures cover scheme, host, path and query. */
export function publicUrlOf(req: Request, configured?: string): string {
  return `${publicBaseUrl(req, configured)}${req.originalUrl}`;
}
