import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { httpExchange, TransportError } from '../http/http-exchange';

export interface TwilioTransportOptions {
  /**
   * Where the SDK's calls go instead of Twilio's own origin (https://api.twilio.com and its regional
   * variants): a local server that speaks Twilio's REST API, in tests. The path and query are kept.
   */
  baseUrl?: string;
  /** One deadline over each whole exchange, the response body included. */
  timeoutMs: number;
  signal?: AbortSignal;
}

type Params = Record<string, unknown>;

function appendAll(target: URLSearchParams, values: Params | undefined): void {
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    // Twilio repeats a key for each value of a list (MediaUrl=a&MediaUrl=b), as the SDK's own client does.
    for (const item of Array.isArray(value) ? value : [value]) target.append(key, String(item));
  }
}

/**
 * The Twilio SDK's transport (it accepts any object with the `request` of its RequestClient), made for Herald:
 * one deadline over the whole response, an abort signal, a failure that says whether the request had left,
 * a 2xx whose body cannot be read reported as such (Twilio may have accepted the message), and an origin
 * that tests can point at a local server. One instance per call, so a call's signal and last answer are its own.
 */
export class TwilioHttpClient implements Pick<RequestClient, 'request'> {
  /** The last answer's status and headers: the SDK's errors keep the status but drop the headers (Retry-After). */
  lastResponse: { statusCode: number; headers: Record<string, string> } | undefined;

  constructor(private readonly options: TwilioTransportOptions) {}

  private target(uri: string): URL {
    const url = new URL(uri);
    if (!this.options.baseUrl) return url;
    const base = new URL(this.options.baseUrl);
    return new URL(`${base.pathname.replace(/\/+$/, '')}${url.pathname}${url.search}`, base.origin);
  }

  async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const url = this.target(opts.uri);
    appendAll(url.searchParams, opts.params as Params | undefined);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();

    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      if (headers['Content-Type'] === 'application/json') body = JSON.stringify(opts.data);
      else {
        const form = new URLSearchParams();
        appendAll(form, opts.data as Params);
        body = form.toString();
      }
    }

    const response = await httpExchange({
      method: opts.method.toUpperCase(),
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: this.options.timeoutMs,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
    });
    this.lastResponse = { statusCode: response.status, headers: response.headers };
    const ok = response.status >= 200 && response.status < 300;
    // Error bodies go to the SDK as text: its RestException reads Twilio's code and message from them.
    if (!ok || response.status === 204) return { statusCode: response.status, body: response.body as TData, headers: response.headers };
    try {
      return { statusCode: response.status, body: JSON.parse(response.body) as TData, headers: response.headers };
    } catch {
      throw new TransportError('unreadable', true, 'UNREADABLE_ANSWER', `HTTP ${response.status} with a body that is not JSON.`, response.status);
    }
  }
}
