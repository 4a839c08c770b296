import type { Request } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change made with a session cookie must come from the app itself, or another site could make the browser send
 * it (cross-site request forgery). Browsers say where a request comes from: `Origin` (then it must be one we
 * trust) or, without it, `Sec-Fetch-Site: same-origin`. Neither: refused — a script with a cookie can send
 * Origin too. API keys are not cookies and need none of this.
 */
export function assertSameOriginChange(req: Request, trustedOrigins: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.header('origin');
  if (origin !== undefined ? trustedOrigins.has(origin) : req.header('sec-fetch-site') === 'same-origin') return;
  throw new AppError(ErrorCodes.CSRF_REJECTED, 'A change signed in by cookie must come from the Herald app (its Origin); this one did not.', {
    userMessage: 'This request did not come from the Herald app. Reload the page and try again.',
    details: { origin: origin ?? null, secFetchSite: req.header('sec-fetch-site') ?? null },
  });
}
