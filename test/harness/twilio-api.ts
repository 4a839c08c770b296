import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { RecordedRequest, Reply } from './local-http-server';

/** A message as Twilio's REST API shows it (the fields Herald reads, in Twilio's snake_case). */
export interface TwilioMessageRecord {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  messaging_service_sid: string | null;
  body: string;
  status: string;
  direction: 'outbound-api' | 'inbound';
  /** RFC 2822, as Twilio writes dates. */
  date_created: string;
  /** Empty until the message leaves Twilio's queue. */
  date_sent: string | null;
  date_updated: string;
  error_code: number | null;
  num_media: string;
}

/** What the next message create does; the default is to accept it and answer normally. */
export type CreateOutcome =
  | { kind: 'accept' }
  /** Twilio keeps the message, and the connection drops before the answer is written. */
  | { kind: 'lose-answer' }
  /** Twilio keeps the message, sends 201 and half the JSON, then the connection drops. */
  | { kind: 'truncate' }
  /** Twilio keeps the message and answers 201 with a body that is not JSON. */
  | { kind: 'garble' }
  /** Twilio keeps the message, sends 201 and part of the body, then nothing more. */
  | { kind: 'stall' }
  /** Twilio refuses the message with an error body. */
  | { kind: 'refuse'; status: number; code?: number; message?: string; headers?: Record<string, string> };

export interface TwilioApiOptions {
  accountSid: string;
  authToken: string;
  /** `Trial` accounts may only text the numbers in `verifiedNumbers`. */
  accountType?: 'Full' | 'Trial';
  verifiedNumbers?: string[];
  /** Content templates by ContentSid, with {{1}}-style placeholders: what Twilio renders for a template send. */
  contentTemplates?: Record<string, string>;
  /** The number a Messaging Service picks from its pool. */
  servicePoolNumber?: string;
}

export const rfc2822 = (at: Date) => at.toUTCString().replace('GMT', '+0000');

const MESSAGE_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/;
const CALLER_IDS_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\/OutgoingCallerIds\.json$/;
const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\.json$/;

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function twilioError(res: http.ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

/**
 * A small stand-in for Twilio's REST API, for `startLocalServer`: the account, its verified caller IDs and the
 * Messages resource (create, and list with Twilio's filters and paging). Messages it accepts are kept, so a send
 * whose answer was lost can be found again — and, like Twilio, a queued message has no DateSent yet.
 */
export function twilioApi(options: TwilioApiOptions) {
  const messages: TwilioMessageRecord[] = [];
  const outcomes: CreateOutcome[] = [];

  function store(partial: Partial<TwilioMessageRecord> & { to: string; from: string }): TwilioMessageRecord {
    const created = new Date();
    const record: TwilioMessageRecord = {
      sid: `SM${randomUUID().replace(/-/g, '')}`,
      account_sid: options.accountSid,
      messaging_service_sid: null,
      body: '',
      status: 'queued',
      direction: 'outbound-api',
      date_created: rfc2822(created),
      date_sent: null,
      date_updated: rfc2822(created),
      error_code: null,
      num_media: '0',
      ...partial,
    };
    messages.push(record);
    return record;
  }

  function create(req: RecordedRequest, res: http.ServerResponse): void {
    const form = new URLSearchParams(req.body);
    const to = form.get('To');
    const service = form.get('MessagingServiceSid');
    const from = form.get('From') ?? (service ? `${to?.startsWith('whatsapp:') ? 'whatsapp:' : ''}${options.servicePoolNumber ?? '+15005550009'}` : null);
    if (!to || !from) return twilioError(res, 400, 21604, "A 'To' and a 'From' or 'MessagingServiceSid' are required.");
    // Like Twilio, a trial account texts only verified numbers (WhatsApp trial sends go through the sandbox).
    if (options.accountType === 'Trial' && !to.startsWith('whatsapp:') && !(options.verifiedNumbers ?? []).includes(to)) {
      return twilioError(res, 400, 21608, "The number is unverified. Trial accounts cannot send messages to unverified numbers; verify it at twilio.com/user/account/phone-numbers/verified, or purchase a Twilio number to send messages to unverified numbers");
    }
    const outcome = outcomes.shift() ?? { kind: 'accept' };
    if (outcome.kind === 'refuse') {
      return twilioError(res, outcome.status, outcome.code ?? outcome.status, outcome.message ?? 'Refused', outcome.headers);
    }
    const contentSid = form.get('ContentSid');
    const variables = JSON.parse(form.get('ContentVariables') ?? '{}') as Record<string, string>;
    const body = contentSid
      ? (options.contentTemplates?.[contentSid] ?? '').replace(/\{\{(\w+)\}\}/g, (_m, key: string) => variables[key] ?? '')
      : (form.get('Body') ?? '');
    const record = store({ to, from, body, messaging_service_sid: service, num_media: String(form.getAll('MediaUrl').length) });
    const answer = JSON.stringify(record);
    switch (outcome.kind) {
      case 'accept':
        return json(res, 201, record);
      case 'lose-answer':
        res.socket?.destroy();
        return;
      case 'garble':
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('<html>upstream proxy error</html>');
        return;
      case 'truncate':
      case 'stall':
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(answer)) });
        res.write(answer.slice(0, Math.floor(answer.length / 2)));
        if (outcome.kind === 'truncate') setTimeout(() => res.socket?.destroy(), 10);
        return;
    }
  }

  function list(url: URL, res: http.ServerResponse, sid: string): void {
    const q = url.searchParams;
    const sentAfter = q.get('DateSent>');
    const matching = messages
      .filter((m) => !q.get('To') || m.to === q.get('To'))
      .filter((m) => !q.get('From') || m.from === q.get('From'))
      // Twilio's DateSent filters only see messages that have left the queue.
      .filter((m) => !sentAfter || (m.date_sent !== null && Date.parse(m.date_sent) >= Date.parse(sentAfter.length === 10 ? `${sentAfter}T00:00:00Z` : sentAfter)))
      .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
    const pageSize = Math.min(Number(q.get('PageSize') ?? 50), 1000);
    const page = Number(q.get('Page') ?? 0);
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const base = `/2010-04-01/Accounts/${sid}/Messages.json`;
    const next = new URLSearchParams([...q.entries()].filter(([k]) => k !== 'Page' && k !== 'PageToken'));
    next.set('PageSize', String(pageSize));
    next.set('Page', String(page + 1));
    next.set('PageToken', `PA${page + 1}`);
    json(res, 200, {
      messages: slice,
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + Math.max(slice.length - 1, 0),
      uri: `${base}?${q}`,
      first_page_uri: `${base}?PageSize=${pageSize}&Page=0`,
      previous_page_uri: null,
      next_page_uri: (page + 1) * pageSize < matching.length ? `${base}?${next}` : null,
    });
  }

  const reply: Reply = (req, res) => {
    const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return twilioError(res, 401, 20003, 'Authenticate');
    const url = new URL(req.path, 'http://twilio.local');
    const sid = (MESSAGE_PATH.exec(url.pathname) ?? CALLER_IDS_PATH.exec(url.pathname) ?? ACCOUNT_PATH.exec(url.pathname))?.[1];
    if (!sid || sid !== options.accountSid) return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    if (ACCOUNT_PATH.test(url.pathname) && req.method === 'GET') {
      return json(res, 200, { sid, friendly_name: 'Herald test', status: 'active', type: options.accountType ?? 'Full' });
    }
    if (CALLER_IDS_PATH.test(url.pathname) && req.method === 'GET') {
      const ids = (options.verifiedNumbers ?? []).map((phone, i) => ({ sid: `PN${String(i).padStart(32, '0')}`, phone_number: phone, friendly_name: phone, account_sid: sid }));
      return json(res, 200, { outgoing_caller_ids: ids, page: 0, page_size: 50, next_page_uri: null, previous_page_uri: null, uri: url.pathname });
    }
    if (req.method === 'POST') return create(req, res);
    return list(url, res, sid);
  };

  return {
    accountSid: options.accountSid,
    reply,
    /** Every message Twilio holds, in the order they were created. */
    messages,
    /** What the next creates do, in order. */
    outcomes,
    /** Adds a message Twilio already holds (sent earlier, or by someone else). */
    seed: store,
  };
}

const isMessages = (r: RecordedRequest) => MESSAGE_PATH.test(new URL(r.path, 'http://twilio.local').pathname);
/** Message creates among recorded requests. */
export const messageCreates = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && isMessages(r));
/** Message list reads (reconciliation lookups) among recorded requests. */
export const messageLists = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'GET' && isMessages(r));

/**
 * One local Twilio for several accounts, as the real one is: each request goes to the account named in its path
 * (which checks the request's basic auth against its own Auth Token); an account it does not hold is refused
 * like a wrong Auth Token.
 */
export function twilioAccounts(...accounts: Array<ReturnType<typeof twilioApi> & { accountSid: string }>): Reply {
  return (req, res) => {
    const sid = /^\/2010-04-01\/Accounts\/(AC\w+?)(?:\.json|\/)/.exec(new URL(req.path, 'http://twilio.local').pathname)?.[1];
    const account = accounts.find((a) => a.accountSid === sid);
    if (!account) return twilioError(res, 401, 20003, 'Authenticate');
    account.reply(req, res);
  };
}
