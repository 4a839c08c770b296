import type { Channel } from '../domain/channels';
import { ErrorCodes } from '../domain/errors';
import { emailFrom } from '../domain/senders';
import { getProviderCredentials } from '../prisma/queries/provider-credentials/provider-credentials';
import { getDefaultSender } from '../prisma/queries/sender-addresses/sender-addresses';
import type { TenantTx } from '../prisma/tenant-scope';
import type { ProviderRegistry } from '../providers/credentials/provider-registry';
import type { MessagingProvider, ProviderSet } from '../providers/messaging-provider';

/** How one message goes out: through which adapter (the shared one, or the tenant's own account's), from which sender. */
export type SendRoute =
  | {
      ok: true;
      provider: MessagingProvider;
      /** Passed to the provider and pinned on the message; null: the adapter has no sender to name (the fake provider). */
      from: string | null;
      account: 'own' | 'shared';
    }
  | { ok: false; errorCode: string; message: string };

export interface SendRouteDeps {
  /** The server's shared adapters, one per channel (Twilio, Resend or fake). */
  providers: ProviderSet;
  /** The shared sender of each channel the shared adapters serve (TWILIO_SMS_FROM, …), recorded on the messages it sends. */
  sharedSenders?: Partial<Record<Channel, string>>;
  /** Tenants' own accounts; without it (no HERALD_SECRETS_KEY), a tenant with its own account cannot send. */
  registry?: ProviderRegistry;
}

const PROVIDER_OF: Record<Channel, 'twilio' | 'resend'> = { sms: 'twilio', whatsapp: 'twilio', email: 'resend' };
const PROVIDER_NAME = { twilio: 'Twilio', resend: 'Resend' } as const;

/**
 * Picks the adapter and sender of a send. A tenant with its own account at the channel's provider sends through
 * it, from its default sender (its account cannot send from the shared sender, so without a default nothing is
 * sent); any other tenant sends through the shared adapter, from its default sender or else the shared one.
 * `pinned` is the sender an earlier attempt of this message used (or a compliance reply was given): it stays.
 */
export function createSendRoutes({ providers, sharedSenders = {}, registry }: SendRouteDeps) {
  async function defaultFrom(db: TenantTx, channel: Channel): Promise<string | null> {
    const sender = await getDefaultSender(db, channel);
    if (!sender) return null;
    return channel === 'email' ? emailFrom(sender.address, sender.displayName) : sender.address;
  }

  return {
    async resolve(db: TenantTx, channel: Channel, pinned: string | null): Promise<SendRoute> {
      const kind = PROVIDER_OF[channel];
      const own = await getProviderCredentials(db, kind);
      if (own) {
        if (!registry) {
          return {
            ok: false,
            errorCode: ErrorCodes.CONFIG,
            message: `This tenant sends ${channel} through its own ${PROVIDER_NAME[kind]} account, but this worker has no HERALD_SECRETS_KEY to open its credentials. Nothing was sent.`,
          };
        }
        let provider: MessagingProvider;
        try {
          provider = kind === 'twilio' ? registry.twilioFor(own) : registry.resendFor(own);
        } catch (error) {
          return { ok: false, errorCode: ErrorCodes.CONFIG, message: `The tenant’s ${PROVIDER_NAME[kind]} credentials could not be opened: ${(error as Error).message} Nothing was sent.` };
        }
        const from = pinned ?? (await defaultFrom(db, channel));
        if (!from) {
          return {
            ok: false,
            errorCode: 'NO_SENDER',
            message: `This tenant sends ${channel} through its own ${PROVIDER_NAME[kind]} account, which needs a default ${channel} sender of that account: add one with POST /api/sender-addresses and "isDefault": true. Nothing was sent.`,
          };
        }
        return { ok: true, provider, from, account: 'own' };
      }
      const provider = providers[channel];
      const shared = provider.name === 'fake' ? null : (sharedSenders[channel] ?? null);
      return { ok: true, provider, from: pinned ?? (await defaultFrom(db, channel)) ?? shared, account: 'shared' };
    },
  };
}

export type SendRoutes = ReturnType<typeof createSendRoutes>;
