import { ProviderError } from '../messaging-provider';

export type TwilioChannel = 'sms' | 'whatsapp';

/** Who a message is sent from: one number, or a Messaging Service that picks a number from its pool. */
export type TwilioSender = { from: string } | { messagingServiceSid: string };

const MESSAGING_SERVICE = /^MG[0-9a-fA-F]{32}$/;

/** Twilio addresses WhatsApp as `whatsapp:+E164` on both sides (and keeps messages under those addresses); SMS as bare E.164. */
export function twilioAddress(channel: TwilioChannel, address: string): string {
  const bare = address.replace(/^whatsapp:/, '');
  return channel === 'whatsapp' ? `whatsapp:${bare}` : bare;
}

/** The sender a send (or its lookup) uses: the message's own `from`, else the one configured for the channel. */
export function resolveSender(channel: TwilioChannel, override: string | undefined, configured: string | undefined): TwilioSender {
  const sender = override ?? configured;
  if (!sender) throw new ProviderError('permanent', 'NO_SENDER', `No ${channel} sender number or Messaging Service is configured for Twilio.`);
  return MESSAGING_SERVICE.test(sender) ? { messagingServiceSid: sender } : { from: twilioAddress(channel, sender) };
}
