import type { z } from 'zod';
import { ApiError } from './api-error';

/**
 * The browser's way to Herald's API: same origin (the web app forwards /api to the API, so the session cookie
 * goes along and mutations pass the API's Origin check), JSON in, and every answer parsed with its shared zod
 * schema — a response of the wrong shape is an ApiError('BAD_RESPONSE'), never data on screen.
 */
export interface ApiClientOptions {
  /** '' in the browser (same origin); an absolute origin in tests. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<S extends z.ZodType> {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** The response body's schema; omit for answers without a body (204). */
  schema?: S;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<S extends z.ZodType = z.ZodType<undefined>>(path: string, options?: RequestOptions<S>): Promise<z.infer<S>>;
}

export function createApiClient({ baseUrl = '', fetch: fetchImpl }: ApiClientOptions = {}): ApiClient {
  return {
    async request(path, { method = 'GET', body, query, schema, signal } = {}) {
      const url = `${baseUrl}${path}${queryString(query)}`;
      let response: Response;
      try {
        response = await (fetchImpl ?? globalThis.fetch)(url, {
          method,
          credentials: 'same-origin',
          headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          cache: 'no-store',
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new ApiError('Herald could not be reached. Check your connection and try again.', 'NETWORK', null);
      }

      const text = await response.text().catch(() => '');
      const json = parseJson(text);
      if (!response.ok) throw errorFromResponse(response, json);

      if (!schema) return undefined as never;
      if (json === NOT_JSON) throw badResponse(method, path, response.status, 'it is not JSON');
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        throw badResponse(method, path, response.status, where);
      }
      return parsed.data;
    },
  };
}

/** The one client the browser uses. */
export const api = createApiClient();

const NOT_JSON = Symbol('not json');

function parseJson(text: string): unknown {
  if (!text) return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function queryString(query: RequestOptions<z.ZodType>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function badResponse(method: string, path: string, status: number, why: string): ApiError {
  // The detail is for developers (console); people see that the app and the API disagree, not the JSON.
  console.error(`Herald API answered ${method} ${path} (${status}) with an unexpected shape: ${why}`);
  return new ApiError('Herald answered in a form this page does not understand. Reload the page; if it persists, the web app and the API are out of step.', 'BAD_RESPONSE', status);
}

const STATUS_MESSAGES: Record<number, string> = {
  401: 'You are signed out. Sign in to continue.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  429: 'Too many attempts. Wait a moment and try again.',
};

/**
 * Herald answers `{error:{code,message,details?,issues?}}`; Better Auth (under /api/auth) answers
 * `{code,message}`. Anything else (a proxy's HTML error page) becomes a plain sentence by status.
 */
function errorFromResponse(response: Response, json: unknown): ApiError {
  const envelope = readEnvelope(json);
  if (envelope) return new ApiError(envelope.message, envelope.code, response.status, envelope.extra);
  const fallback = STATUS_MESSAGES[response.status] ?? (response.status >= 500 ? 'Herald is having trouble right now. Try again in a moment.' : `The request failed (${response.status}).`);
  return new ApiError(fallback, `HTTP_${response.status}`, response.status);
}

function readEnvelope(json: unknown): { code: string; message: string; extra: ApiError['extra'] } | null {
  if (typeof json !== 'object' || json === null) return null;
  const inner = 'error' in json && typeof json.error === 'object' && json.error !== null ? json.error : json;
  const { code, message, details, issues } = inner as { code?: unknown; message?: unknown; details?: unknown; issues?: unknown };
  if (typeof message !== 'string' || message === '') return null;
  const extra: ApiError['extra'] = {};
  if (typeof details === 'object' && details !== null) extra.details = details as Record<string, unknown>;
  if (Array.isArray(issues)) {
    extra.issues = issues.filter(
      (i): i is { path: string; message: string } => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
    );
  }
  return { code: typeof code === 'string' ? code : 'API_ERROR', message, extra };
}
