import 'server-only';
import type { MessageStatus } from '../../domain/channels';
import type { MessageView } from '../../domain/schemas/message';
import type { TenantView } from '../../domain/schemas/tenant';

export type { MessageView, TenantView, MessageStatus };

export interface MessagePage {
  messages: MessageView[];
  nextCursor: string | null;
}

const DEFAULT_API_URL = 'http://localhost:4000';
// Short enough that a hung API still leaves the page (and its 5 s live refresh) responsive.
const REQUEST_TIMEOUT_MS = 4_000;

/** A failed call to Herald's API, with a message fit to show a user as-is. */
export class HeraldApiError extends Error {
  override readonly name = 'HeraldApiError';
  constructor(
    message: string,
    /** The API's error code, or UNREACHABLE / BAD_RESPONSE when the API never gave one. */
    readonly code: string,
    /** HTTP status, or null when no response arrived. */
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** Read per request (not at build time) so one build can point at any API. */
export function apiConfig(): { baseUrl: string; apiKey: string | undefined } {
  const baseUrl = (process.env.HERALD_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
  const apiKey = process.env.HERALD_API_KEY?.trim() || undefined;
  return { baseUrl, apiKey };
}

type Query = Record<string, string | number | undefined | null>;

/** GET a JSON resource from Herald's API; throws HeraldApiError for anything but a 2xx JSON answer. */
export async function heraldGet<T>(path: string, query: Query = {}): Promise<T> {
  const { baseUrl, apiKey } = apiConfig();
  const url = new URL(`${baseUrl}${path}`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }

  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new HeraldApiError(
      `Could not reach the Herald API at ${baseUrl} (${describeNetworkError(error)}).`,
      'UNREACHABLE',
      null,
    );
  }

  const text = await response.text().catch(() => '');
  const body = parseJson(text);

  if (!response.ok) {
    const apiError = readApiError(body);
    const statusLine = `${response.status} ${response.statusText}`.trim();
    let message = apiError?.message ?? `The Herald API answered ${statusLine}.`;
    if (response.status === 401 && !apiKey) message += ' HERALD_API_KEY is not set on the web server.';
    throw new HeraldApiError(message, apiError?.code ?? `HTTP_${response.status}`, response.status);
  }
  if (body === undefined) {
    throw new HeraldApiError(
      `The Herald API at ${baseUrl} answered ${path} with something that is not JSON.`,
      'BAD_RESPONSE',
      response.status,
    );
  }
  return body as T;
}

export function getTenant(): Promise<TenantView> {
  return heraldGet<TenantView>('/api/tenant');
}

export async function listMessages(params: {
  status?: MessageStatus;
  cursor?: string;
  limit?: number;
}): Promise<MessagePage> {
  const page = await heraldGet<Partial<MessagePage>>('/api/messages', {
    limit: params.limit ?? 50,
    status: params.status,
    cursor: params.cursor,
  });
  if (!Array.isArray(page.messages)) {
    throw new HeraldApiError('The Herald API returned a message list without "messages".', 'BAD_RESPONSE', 200);
  }
  return { messages: page.messages, nextCursor: page.nextCursor ?? null };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readApiError(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return null;
  return { code: typeof code === 'string' ? code : 'API_ERROR', message };
}

// Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND…) in error.cause.
function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : 'network error';
}
