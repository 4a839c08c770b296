import http from 'node:http';
import https from 'node:https';

export interface HttpExchangeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** One deadline over the whole exchange: connecting, sending, the headers and the last byte of the body. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpExchangeResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export type TransportFailureReason = 'connect' | 'timeout' | 'aborted' | 'dropped' | 'unreadable';

/**
 * The exchange failed below HTTP, or its answer could not be read. `requestSent` says whether the whole
 * request had left for the server — the line between "nothing happened, try again" and "it may have acted
 * on it". `status` is set when the response's headers had arrived.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly reason: TransportFailureReason,
    readonly requestSent: boolean,
    readonly code: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof Error && error.name === 'TransportError';
}

const errorCode = (error: unknown) => (error as { code?: string })?.code ?? 'NETWORK';

/**
 * One HTTP exchange on node's http/https, reporting precisely how it failed. `fetch` cannot say whether the
 * request had left before a connection broke, nor keep one deadline over a body still arriving.
 */
export function httpExchange(request: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  return new Promise((resolve, reject) => {
    let sent = false;
    let status: number | null = null;
    let settled = false;
    const body = request.body ?? '';

    if (request.signal?.aborted) {
      reject(new TransportError('aborted', false, 'ABORTED', 'The call was cancelled before it was made.'));
      return;
    }
    const client = (request.url.protocol === 'https:' ? https : http).request(request.url, {
      method: request.method,
      headers: { ...request.headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
    });

    const finish = (outcome: { response: HttpExchangeResponse } | { error: TransportError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) {
        client.destroy();
        reject(outcome.error);
      } else resolve(outcome.response);
    };
    const fail = (reason: TransportFailureReason, code: string, message: string) =>
      finish({ error: new TransportError(reason, sent, code, message, status) });

    const timer = setTimeout(() => fail('timeout', 'TIMEOUT', `No complete answer within ${request.timeoutMs} ms.`), request.timeoutMs);
    const onAbort = () => fail('aborted', 'ABORTED', 'The call was cancelled.');
    request.signal?.addEventListener('abort', onAbort, { once: true });

    // 'finish' fires once the last byte is handed to the connection; a refused or unresolvable host never gets there.
    client.on('finish', () => (sent = true));
    client.on('error', (error) => fail(sent ? 'dropped' : 'connect', errorCode(error), error.message));
    client.on('response', (response) => {
      status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => fail('dropped', errorCode(error), `The answer broke off: ${error.message}`));
      response.on('end', () => {
        if (!response.complete) return fail('dropped', 'ECONNRESET', 'The answer broke off.');
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        finish({ response: { status: status ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') } });
      });
    });
    client.end(body);
  });
}
