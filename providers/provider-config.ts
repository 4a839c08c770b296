import { z } from 'zod';
import { parseEnv } from '../domain/config';

/**
 * Global provider credentials. Each provider is all-or-nothing: half a Twilio configuration is an error,
 * not a silent fall-back to the fake provider.
 */
export const ProviderEnvSchema = z
  .object({
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'TWILIO_ACCOUNT_SID looks like AC followed by 32 hex digits').optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    TWILIO_SMS_FROM: z
      .string()
      .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, 'TWILIO_SMS_FROM must be an E.164 number or a Messaging Service SID (MG…)')
      .optional(),
    TWILIO_WHATSAPP_FROM: z
      .string()
      .regex(/^((whatsapp:)?\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, 'TWILIO_WHATSAPP_FROM must be an E.164 number or a Messaging Service SID (MG…)')
      .optional(),
    TWILIO_API_BASE_URL: z.url().optional(),
    RESEND_API_KEY: z.string().min(8).optional(),
    RESEND_FROM: z.string().min(3).optional(),
    RESEND_API_BASE_URL: z.url().optional(),
    FAKE_PROVIDER_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(1500),
    FAKE_PROVIDER_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
    FAKE_PROVIDER_FAILURE_CODE: z.string().regex(/^\d{3,6}$/, 'FAKE_PROVIDER_FAILURE_CODE is a numeric error code such as 30003').default('30003'),
  })
  .superRefine((env, ctx) => {
    const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN];
    if (twilio.some(Boolean) && !twilio.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'set both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or neither' });
    }
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_SMS_FROM && !env.TWILIO_WHATSAPP_FROM) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_SMS_FROM'], message: 'Twilio needs TWILIO_SMS_FROM and/or TWILIO_WHATSAPP_FROM' });
    }
    if (Boolean(env.RESEND_API_KEY) !== Boolean(env.RESEND_FROM)) {
      ctx.addIssue({ code: 'custom', path: ['RESEND_FROM'], message: 'set both RESEND_API_KEY and RESEND_FROM, or neither' });
    }
  });
export type ProviderEnv = z.infer<typeof ProviderEnvSchema>;

export function providerEnv(env: Record<string, string | undefined>): ProviderEnv {
  return parseEnv(ProviderEnvSchema, env);
}

export type ProviderName = 'twilio' | 'resend' | 'fake';

/** Which provider serves each channel; the health endpoint reports it so a demo is never mistaken for delivery. */
export function activeProviders(env: Partial<ProviderEnv>): Record<'sms' | 'whatsapp' | 'email', ProviderName> {
  const twilio = Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN);
  return {
    sms: twilio && env.TWILIO_SMS_FROM ? 'twilio' : 'fake',
    whatsapp: twilio && env.TWILIO_WHATSAPP_FROM ? 'twilio' : 'fake',
    email: env.RESEND_API_KEY && env.RESEND_FROM ? 'resend' : 'fake',
  };
}

/**
 * The sender each shared adapter sends from when a tenant has no default of its own: recorded on the messages it
 * sends (an inbound message to it then finds the tenants that used it). Channels on the fake provider have none.
 */
export function sharedSenders(env: Partial<ProviderEnv>): Partial<Record<'sms' | 'whatsapp' | 'email', string>> {
  const active = activeProviders(env);
  return {
    ...(active.sms === 'twilio' && env.TWILIO_SMS_FROM ? { sms: env.TWILIO_SMS_FROM } : {}),
    ...(active.whatsapp === 'twilio' && env.TWILIO_WHATSAPP_FROM ? { whatsapp: env.TWILIO_WHATSAPP_FROM.replace(/^whatsapp:/, '') } : {}),
    ...(active.email === 'resend' && env.RESEND_FROM ? { email: env.RESEND_FROM } : {}),
  };
}
