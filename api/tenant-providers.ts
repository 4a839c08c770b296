import { CHANNELS, type Channel } from '../domain/channels';
import type { ProviderCredentialsView } from '../domain/schemas/provider-credentials';
import { emailFrom } from '../domain/senders';
import { listProviderCredentials } from '../prisma/queries/provider-credentials/provider-credentials';
import { getDefaultSender } from '../prisma/queries/sender-addresses/sender-addresses';
import type { TenantDb } from '../prisma/tenant-scope';
import type { ApiDeps } from './deps';

type ChannelService = ProviderCredentialsView['channels'][Channel];
const PROVIDER_OF = { sms: 'twilio', whatsapp: 'twilio', email: 'resend' } as const;

/**
 * Who carries each channel for this tenant: its own account at the channel's provider when it stored one (the
 * worker decides the same way, activities/send-route.ts), else the server's configuration.
 */
export async function tenantProviders(deps: ApiDeps, db: TenantDb): Promise<Record<Channel, ChannelService>> {
  const own = new Set((await listProviderCredentials(db)).map((c) => c.provider));
  const entries = await Promise.all(
    CHANNELS.map(async (channel): Promise<[Channel, ChannelService]> => {
      const sender = await getDefaultSender(db, channel);
      const defaultSender = sender ? (channel === 'email' ? emailFrom(sender.address, sender.displayName) : sender.address) : null;
      const ownProvider = PROVIDER_OF[channel];
      if (own.has(ownProvider)) return [channel, { provider: ownProvider, account: 'own', defaultSender }];
      const configured = deps.providers?.[channel];
      const provider = configured === 'twilio' || configured === 'resend' ? configured : 'fake';
      return [channel, { provider, account: 'shared', defaultSender }];
    }),
  );
  return Object.fromEntries(entries) as Record<Channel, ChannelService>;
}

/** How the channel is served, in words, for messages that send a person elsewhere. */
export function describeService(channel: Channel, service: ChannelService): string {
  return `${channel} is served by ${service.provider}${service.account === 'own' ? ' (the tenant’s own account)' : ' (the server’s account)'}`;
}
