import { z } from 'zod';

export const TwilioCredentialsSchema = z
  .object({
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid is AC followed by 32 hex digits (Twilio Console → Account info)')
      .describe('The Twilio Account SID (AC…)'),
    authToken: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{32}$/, 'authToken is the account’s Auth Token: 32 hex digits')
      .describe('The account’s Auth Token; stored encrypted, never shown again'),
  })
  .strict()
  .describe('A Twilio account of the tenant: its SMS and WhatsApp go through it');
export type TwilioCredentials = z.infer<typeof TwilioCredentialsSchema>;

export const ResendCredentialsSchema = z
  .object({
    apiKey: z
      .string()
      .trim()
      .regex(/^re_[A-Za-z0-9_-]{8,200}$/, 'apiKey is a Resend API key: re_ followed by letters, digits, _ or -')
      .describe('A Resend API key with sending access; stored encrypted, never shown again'),
    webhookSecret: z
      .string()
      .trim()
      .regex(/^whsec_[A-Za-z0-9+/=]{16,200}$/, 'webhookSecret is the endpoint’s signing secret: whsec_ followed by base64')
      .optional()
      .describe('The signing secret of the Resend webhook pointing at Herald (whsec_…), for that account’s events'),
  })
  .strict()
  .describe('A Resend account of the tenant: its email goes through it');
export type ResendCredentials = z.infer<typeof ResendCredentialsSchema>;

const ChannelServiceSchema = z
  .object({
    provider: z.enum(['twilio', 'resend', 'fake']).describe('Who carries the channel for this tenant'),
    account: z.enum(['own', 'shared']).describe('own: the tenant’s account; shared: the server’s configuration'),
    defaultSender: z.string().nullable().describe('The tenant’s default sender for the channel; null: the shared sender'),
  })
  .describe('How a channel is served for this tenant');

export const ProviderCredentialsViewSchema = z
  .object({
    channels: z
      .object({ sms: ChannelServiceSchema, whatsapp: ChannelServiceSchema, email: ChannelServiceSchema })
      .describe('Which provider and account serves each channel, and the sender it uses'),
    twilio: z
      .object({
        accountSid: z.string().describe('The Account SID (not a secret)'),
        updatedAt: z.string().describe('When the credentials were stored'),
      })
      .nullable()
      .describe('The tenant’s own Twilio account; null: the shared one'),
    resend: z
      .object({
        apiKeyLast4: z.string().describe('The last four characters of the API key'),
        webhookSecret: z.boolean().describe('Whether a webhook signing secret is stored'),
        updatedAt: z.string().describe('When the credentials were stored'),
      })
      .nullable()
      .describe('The tenant’s own Resend account; null: the shared one'),
  })
  .describe('The tenant’s provider accounts; secrets are never shown');
export type ProviderCredentialsView = z.infer<typeof ProviderCredentialsViewSchema>;
