/** Paths the browser sends to the web app that belong to Herald's API (one origin for cookies and CSRF). */
export const API_PATH_PREFIXES = ['/api', '/webhooks', '/ingest', '/q'] as const;

const DEFAULT_API_URL = 'http://localhost:4000';

/**
 * Where the API listens, read from HERALD_API_URL on every call (at request time, never at build time), so one
 * `next build` serves any deployment. An invalid value is a configuration error reported as such.
 */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): URL {
  const raw = env.HERALD_API_URL?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`HERALD_API_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`HERALD_API_URL must be http(s): ${raw}`);
  return url;
}

/** The API URL a same-origin request path (with its query) is forwarded to. */
export function apiTarget(pathAndQuery: string, env?: Record<string, string | undefined>): URL {
  const base = apiBaseUrl(env);
  const basePath = base.pathname.replace(/\/+$/, '');
  return new URL(`${basePath}${pathAndQuery}`, base.origin);
}
