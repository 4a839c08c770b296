import { createHash } from 'node:crypto';
import { ResendProvider, type ResendConfig } from '../resend/resend-provider';
import { TwilioProvider, type TwilioConfig } from '../twilio/twilio-provider';
import type { SecretBox } from './secret-box';
import { openResendAccount, openTwilioAccount, type StoredCredentials } from './tenant-credentials';

type TwilioTransport = Omit<TwilioConfig, 'accountSid' | 'authToken' | 'smsFrom' | 'whatsappFrom'>;
type ResendTransport = Omit<ResendConfig, 'apiKey' | 'from'>;

export interface ProviderRegistryOptions {
  secrets: SecretBox;
  /** Settings every tenant's Twilio adapter shares (base URL in tests, timeouts). */
  twilio?: TwilioTransport;
  resend?: ResendTransport;
  /** Credential sets kept; the least recently used goes first beyond it. */
  maxAccounts?: number;
}

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

/**
 * Adapters for tenants' own provider accounts: one instance per credential set, made on first use and kept, so
 * no adapter is built per send and what an adapter remembers about its account (Twilio's trial status and
 * verified numbers) is remembered per account. Keyed by a hash of the credentials, so a replaced Auth Token or
 * API key gets a fresh adapter; tenants sharing one account share its adapter. Senders are never configured on
 * these adapters: every send names its own `from`.
 */
export class ProviderRegistry {
  private readonly twilioAdapters = new Map<string, TwilioProvider>();
  private readonly resendAdapters = new Map<string, ResendProvider>();

  constructor(private readonly options: ProviderRegistryOptions) {}

  get secrets(): SecretBox {
    return this.options.secrets;
  }

  twilioFor(row: StoredCredentials): TwilioProvider {
    const account = openTwilioAccount(this.options.secrets, row);
    return this.keep(this.twilioAdapters, digest(account.accountSid, account.authToken), () => new TwilioProvider({ ...this.options.twilio, ...account }));
  }

  resendFor(row: StoredCredentials): ResendProvider {
    const account = openResendAccount(this.options.secrets, row);
    return this.keep(this.resendAdapters, digest(account.apiKey), () => new ResendProvider({ ...this.options.resend, apiKey: account.apiKey }));
  }

  private keep<T>(adapters: Map<string, T>, key: string, make: () => T): T {
    const found = adapters.get(key);
    if (found) {
      // Most recently used last: Map keeps insertion order, so the first entry is the one to drop.
      adapters.delete(key);
      adapters.set(key, found);
      return found;
    }
    const made = make();
    adapters.set(key, made);
    if (adapters.size > (this.options.maxAccounts ?? 1000)) adapters.delete(adapters.keys().next().value!);
    return made;
  }
}
