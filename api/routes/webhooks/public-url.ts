import type { Request } from 'express';

/** The URL the provider called, as it called it: signatures cover scheme, host, path and query. */
export function publicUrlOf(req: Request, configured?: string): string {
  const base = configured ? configured.replace(/\/+$/, '') : `${req.protocol}://${req.get('host')}`;
  return `${base}${req.originalUrl}`;
}
