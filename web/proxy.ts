import { NextResponse, type NextRequest } from 'next/server';
import { apiTarget } from './lib/api-origin';

/**
 * The browser sees one origin: /api, /webhooks, /ingest, /q and /embed (the lead form's script) are forwarded to
 * Herald's API. This is a runtime rewrite rather than `rewrites()` in next.config because Next writes config
 * rewrites into the build's routes manifest (HERALD_API_URL would be frozen at `next build`); here it is read per
 * request, so one build runs against any API. Next proxies the response body as it arrives, so Server-Sent Events
 * stream through (test/browser/same-origin-proxy.test.ts).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(apiTarget(`${pathname}${search}`));
}

export const config = {
  matcher: ['/api/:path*', '/webhooks/:path*', '/ingest/:path*', '/q/:path*', '/embed/:path*'],
};
