import type { ProviderSet } from './messaging-provider';
import { FakeProvider, type FakeProviderOptions } from './fake/fake-provider';
import { activeProviders, type ProviderEnv } from './provider-config';
import { emailAddressOf, type InboundEmailSource } from './resend/inbound-email';
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
  const resend = resendFromEnv(env);
  return {
    providers: {
      sms: active.sms === 'twilio' && twilio ? twilio : fake,
      whatsapp: active.whatsapp === 'twilio' && twilio ? twilio : fake,
      email: active.email === 'resend' && resend ? resend : fake,
    },
    fake,
  };
}

function resendFromEnv(env: Partial<ProviderEnv>): ResendProvider | null {
  return env.RESEND_API_KEY && env.RESEND_FROM
    ? new ResendProvider({ apiKey: env.RESEND_API_KEY, from: env.RESEND_FROM, ...(env.RESEND_API_BASE_URL ? { baseUrl: env.RESEND_API_BASE_URL } : {}) })
    : null;
}

/**
 * How the API reads received email (Resend's receiving API) for the `email.received` webhook, with the address
 * Herald sends email from (RESEND_FROM's, shared by every tenant); null without Resend credentials.
 */
export function createInboundEmailReader(env: Partial<ProviderEnv>): { source: InboundEmailSource; sharedSenders: string[] } | null {
  const resend = resendFromEnv(env);
  if (!resend) return null;
  const shared = emailAddressOf(env.RESEND_FROM ?? '');
  return { source: resend, sharedSenders: shared ? [shared] : [] };
}
