import { describe, expect, it } from 'vitest';
import { emailFrom, senderKind } from '../senders';
import { CreateSenderAddressSchema } from './sender-address';
import { ResendCredentialsSchema, TwilioCredentialsSchema } from './provider-credentials';

const parse = (input: unknown) => CreateSenderAddressSchema.safeParse(input);
const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message).join('; ') ?? '';
const SERVICE = `MG${'ab12'.repeat(8)}`;

describe('CreateSenderAddressSchema', () => {
  it('takes SMS numbers, short codes and Messaging Service SIDs, normalised', () => {
    expect(parse({ channel: 'sms', address: '+1 415 555 0100' }).data).toEqual({ channel: 'sms', address: '+14155550100', displayName: null, isDefault: false });
    expect(parse({ channel: 'sms', address: '12345', isDefault: true }).data).toMatchObject({ address: '12345', isDefault: true });
    expect(parse({ channel: 'sms', address: SERVICE.toUpperCase().replace(/^MG/, 'MG') }).data?.address).toBe(SERVICE);
  });

  it('takes a WhatsApp number with or without its whatsapp: prefix, and nothing else', () => {
    expect(parse({ channel: 'whatsapp', address: 'whatsapp:+14155238886' }).data?.address).toBe('+14155238886');
    expect(messages(parse({ channel: 'whatsapp', address: '12345' }))).toMatch(/WhatsApp has no short codes/);
    expect(messages(parse({ channel: 'whatsapp', address: SERVICE }))).toMatch(/WhatsApp sender is a WhatsApp-enabled number/);
  });

  it('takes an email from-address, lower-cased, with an optional display name', () => {
    expect(parse({ channel: 'email', address: 'Hello@Acme.com', displayName: '  Acme Plumbing ' }).data).toEqual({
      channel: 'email',
      address: 'hello@acme.com',
      displayName: 'Acme Plumbing',
      isDefault: false,
    });
    expect(messages(parse({ channel: 'email', address: 'Acme <hello@acme.com>' }))).toMatch(/bare address.*displayName/);
    expect(messages(parse({ channel: 'email', address: 'not-an-email' }))).toMatch(/address must be an email/);
  });

  it('refuses a display name that could break the header, or on a number', () => {
    for (const name of ['Acme\r\nBcc: x@y.z', 'Acme <evil>', 'Say "hi"', 'back\\slash', 'x'.repeat(101)]) {
      expect(parse({ channel: 'email', address: 'hello@acme.com', displayName: name }).success, name).toBe(false);
    }
    expect(messages(parse({ channel: 'sms', address: '+14155550100', displayName: 'Acme' }))).toMatch(/displayName is for email senders only/);
  });

  it('refuses what is no sender, unknown fields included', () => {
    expect(parse({ channel: 'sms', address: 'MG123' }).success).toBe(false);
    expect(parse({ channel: 'sms', address: '+14155550100', extra: 1 }).success).toBe(false);
    expect(parse({ channel: 'fax', address: '+14155550100' }).success).toBe(false);
  });
});

describe('senders', () => {
  it('names each kind of sender', () => {
    expect(senderKind('sms', '+14155550100')).toBe('phone_number');
    expect(senderKind('sms', '12345')).toBe('short_code');
    expect(senderKind('sms', SERVICE)).toBe('messaging_service');
    expect(senderKind('email', 'a@b.co')).toBe('email');
  });

  it('writes an email from with its display name, quoted when it must be', () => {
    expect(emailFrom('hello@acme.com', null)).toBe('hello@acme.com');
    expect(emailFrom('hello@acme.com', 'Acme Plumbing')).toBe('Acme Plumbing <hello@acme.com>');
    expect(emailFrom('hello@acme.com', 'Acme, Inc.')).toBe('"Acme, Inc." <hello@acme.com>');
  });
});

describe('provider credentials', () => {
  it('takes a Twilio Account SID and Auth Token as Twilio writes them', () => {
    const ok = { accountSid: `AC${'0a'.repeat(16)}`, authToken: 'f'.repeat(32) };
    expect(TwilioCredentialsSchema.safeParse(ok).success).toBe(true);
    expect(messages(TwilioCredentialsSchema.safeParse({ ...ok, accountSid: 'AC123' }))).toMatch(/AC followed by 32 hex/);
    expect(messages(TwilioCredentialsSchema.safeParse({ ...ok, authToken: 'short' }))).toMatch(/32 hex/);
    expect(TwilioCredentialsSchema.safeParse({ ...ok, apiKey: 'x' }).success).toBe(false);
  });

  it('takes a Resend API key and an optional webhook secret', () => {
    expect(ResendCredentialsSchema.safeParse({ apiKey: 're_123456789_abcdefghijkl' }).success).toBe(true);
    expect(ResendCredentialsSchema.safeParse({ apiKey: 're_123456789_abcdefghijkl', webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).success).toBe(true);
    expect(messages(ResendCredentialsSchema.safeParse({ apiKey: 'sk_live_x' }))).toMatch(/re_/);
    expect(messages(ResendCredentialsSchema.safeParse({ apiKey: 're_123456789_abcdefghijkl', webhookSecret: 'nope' }))).toMatch(/whsec_/);
  });
});
