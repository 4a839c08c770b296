import type { ProviderSet } from './messaging-provider';
import { FakeProvider, type FakeProviderOptions } from './fake/fake-provider';
import { activeProviders, type ProviderEnv } from './provider-config';
import { ResendProvider } from './resend/resend-provider';
import { TwilioProvider } from './twilio/twilio-provider';

export interface ProviderConfig {
  env?: ProviderEnv;
  fake?: FakeProviderOptions;
}

/** Twilio for SMS/WhatsApp and Resend for email where credentials are configured; the fake provider elsewhere. */
export function createProviders(config: ProviderConfig = {}): { providers: ProviderSet; fake: FakeProvider } {
  const env: Partial<ProviderEnv> = config.env ?? {};
  const fake = new FakeProvider(config.fake);
  const active = activeProviders(env);
  const twilio =
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
      ? new TwilioProvider({
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          ...(env.TWILIO_SMS_FROM ? { smsFrom: env.TWILIO_SMS_FROM } : {}),
          ...(env.TWILIO_WHATSAPP_FROM ? { whatsappFrom: env.TWILIO_WHATSAPP_FROM } : {}),
          ...(env.TWILIO_API_BASE_URL ? { baseUrl: env.TWILIO_API_BASE_URL } : {}),
        })
      : null;
  const resend =
    env.RESEND_API_KEY && env.RESEND_FROM
      ? new ResendProvider({ apiKey: env.RESEND_API_KEY, from: env.RESEND_FROM, ...(env.RESEND_API_BASE_URL ? { baseUrl: env.RESEND_API_BASE_URL } : {}) })
      : null;
  return {
    providers: {
      sms: active.sms === 'twilio' && twilio ? twilio : fake,
      whatsapp: active.whatsapp === 'twilio' && twilio ? twilio : fake,
      email: active.email === 'resend' && resend ? resend : fake,
    },
    fake,
  };
}
