import { describe, expect, it } from 'vitest';
import { activeProviders, providerEnv } from './provider-config';
import { createProviders } from './create-providers';

const twilio = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'a'.repeat(32), TWILIO_SMS_FROM: '+15005550006' };

describe('provider configuration', () => {
  it('uses the fake provider for every channel without credentials', () => {
    expect(activeProviders(providerEnv({}))).toEqual({ sms: 'fake', whatsapp: 'fake', email: 'fake' });
    const { providers } = createProviders({ env: providerEnv({}) });
    expect([providers.sms.name, providers.whatsapp.name, providers.email.name]).toEqual(['fake', 'fake', 'fake']);
  });
  it('uses Twilio per configured sender and Resend for email', () => {
    const env = providerEnv({ ...twilio, RESEND_API_KEY: 're_12345678', RESEND_FROM: 'hi@acme.test' });
    expect(activeProviders(env)).toEqual({ sms: 'twilio', whatsapp: 'fake', email: 'resend' });
    const { providers } = createProviders({ env });
    expect([providers.sms.name, providers.whatsapp.name, providers.email.name]).toEqual(['twilio', 'fake', 'resend']);
  });
  it('refuses half a configuration, listing every problem', () => {
    expect(() => providerEnv({ TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID, RESEND_API_KEY: 're_12345678' })).toThrow(
      /TWILIO_AUTH_TOKEN[\s\S]*TWILIO_SMS_FROM[\s\S]*RESEND_FROM/,
    );
    expect(() => providerEnv({ ...twilio, TWILIO_SMS_FROM: '555-0100' })).toThrow(/E\.164/);
  });
  it('takes a Messaging Service SID as a sender', () => {
    const env = providerEnv({ ...twilio, TWILIO_SMS_FROM: `MG${'a'.repeat(32)}` });
    expect(createProviders({ env }).providers.sms.name).toBe('twilio');
    expect(() => providerEnv({ ...twilio, TWILIO_SMS_FROM: 'MG123' })).toThrow(/Messaging Service/);
  });
});
