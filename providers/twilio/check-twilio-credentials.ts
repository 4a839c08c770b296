import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { TwilioHttpClient } from './twilio-http-client';

export type TwilioCredentialsCheck =
  | { ok: true; accountType: string | null }
  /** Twilio answered and refused them: `reason` is what it said, with its error code. */
  | { ok: false; refused: true; reason: string }
  /** Twilio could not be asked (unreachable, timed out, or failing itself): nothing is known about them. */
  | { ok: false; refused: false; reason: string };

/**
 * Asks Twilio whether an Account SID and Auth Token open that account: the account fetch through the SDK
 * (GET /2010-04-01/Accounts/{sid}.json), which any valid credential set may read and changes nothing.
 */
export async function checkTwilioCredentials(input: { accountSid: string; authToken: string; baseUrl?: string; timeoutMs?: number }): Promise<TwilioCredentialsCheck> {
  const http = new TwilioHttpClient({ timeoutMs: input.timeoutMs ?? 10_000, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}) });
  const client = twilio(input.accountSid, input.authToken, { httpClient: http as unknown as RequestClient });
  try {
    const account = await client.api.v2010.account.fetch();
    return { ok: true, accountType: account.type ?? null };
  } catch (error) {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : null;
    // 401 (wrong token, or an account this token does not open), 403, 404: Twilio's answer about these credentials.
    if (status !== null && status >= 400 && status < 500 && status !== 429) {
      const code = (error as { code?: unknown }).code;
      const said = (error as Error).message || `HTTP ${status}`;
      return { ok: false, refused: true, reason: `${said}${typeof code === 'number' ? ` (${code})` : ''}` };
    }
    return { ok: false, refused: false, reason: status !== null ? `Twilio answered HTTP ${status}` : (error as Error).message };
  }
}
