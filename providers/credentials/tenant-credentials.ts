import type { SealedSecret, SecretBox } from './secret-box';

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
}

export interface ResendAccount {
  apiKey: string;
  webhookSecret?: string;
}

/** A stored credential set as the database keeps it (a row of provider_credentials). */
export interface StoredCredentials extends SealedSecret {
  tenantId: string;
  provider: 'twilio' | 'resend';
}

/** The sealed secret is bound to its row: opening it as another tenant's, or another provider's, fails. */
const boundTo = (tenantId: string, provider: 'twilio' | 'resend') => `herald:provider_credentials:${tenantId}:${provider}`;

export function sealTwilioAccount(box: SecretBox, tenantId: string, account: TwilioAccount): SealedSecret {
  return box.seal(JSON.stringify({ accountSid: account.accountSid, authToken: account.authToken }), boundTo(tenantId, 'twilio'));
}

export function sealResendAccount(box: SecretBox, tenantId: string, account: ResendAccount): SealedSecret {
  return box.seal(JSON.stringify({ apiKey: account.apiKey, webhookSecret: account.webhookSecret ?? null }), boundTo(tenantId, 'resend'));
}

function openJson(box: SecretBox, row: StoredCredentials, provider: 'twilio' | 'resend'): Record<string, unknown> {
  if (row.provider !== provider) throw new Error(`These are ${row.provider} credentials, not ${provider}.`);
  const parsed: unknown = JSON.parse(box.open(row, boundTo(row.tenantId, provider)));
  if (!parsed || typeof parsed !== 'object') throw new Error('A stored secret is not in the expected form.');
  return parsed as Record<string, unknown>;
}

export function openTwilioAccount(box: SecretBox, row: StoredCredentials): TwilioAccount {
  const { accountSid, authToken } = openJson(box, row, 'twilio');
  if (typeof accountSid !== 'string' || typeof authToken !== 'string') throw new Error('A stored Twilio secret is not in the expected form.');
  return { accountSid, authToken };
}

export function openResendAccount(box: SecretBox, row: StoredCredentials): ResendAccount {
  const { apiKey, webhookSecret } = openJson(box, row, 'resend');
  if (typeof apiKey !== 'string') throw new Error('A stored Resend secret is not in the expected form.');
  return { apiKey, ...(typeof webhookSecret === 'string' ? { webhookSecret } : {}) };
}
