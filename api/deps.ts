import type { Logger } from 'pino';
import type { TemporalWebConfig } from '../domain/temporal-web-links';
import type { AppPrisma, SystemPrisma } from '../prisma/client';
import type { InboundEmailSource } from '../providers/resend/inbound-email';
import type { SecretBox } from '../providers/credentials/secret-box';
import type { AuthSettings } from './auth/herald-auth';
import type { SessionAuth } from './http/authenticate';
import type { RealtimeHub } from './realtime/realtime-hub';
import type { TemporalGateway } from './temporal-gateway';

export interface ApiDeps {
  /** The application's client (role herald_app): routes reach tenants' data through `forTenant` only. */
  prisma: AppPrisma;
  /**
   * The cross-tenant client (role herald_system), for finding the tenant before one is known: API keys, ingest
   * tokens, webhooks (by number, address or provider message id), quote links; and the health check.
   */
  systemPrisma: SystemPrisma;
  temporal: TemporalGateway;
  temporalWeb: TemporalWebConfig;
  logger: Logger;
  /** Which provider serves each channel by the server's configuration (health endpoint; tenants without their own account); all fake when omitted. */
  providers?: Record<'sms' | 'whatsapp' | 'email', string>;
  /** HERALD_SECRETS_KEY: seals tenants' provider credentials and opens them for webhook checks. Without it they cannot be stored. */
  secrets?: SecretBox;
  /** Where Twilio's REST API is reached to check a tenant's credentials (TWILIO_API_BASE_URL; tests: a local server). */
  twilioApiBaseUrl?: string;
  /** Per-tenant limit on POST /api/messages; 120 a minute with bursts of 120 when omitted. */
  sendRateLimit?: { perMinute: number; burst: number };
  /** Pace of bulk enrollment: contacts started per batch and the pause between batches (50 per second when omitted). */
  bulkEnrollment?: { batchSize: number; batchIntervalMs: number };
  /** The embeddable lead form's guards; domain/lead-form.ts's when omitted (tests set their own). */
  leadForms?: {
    /** Submissions per client address and window, across every form. */
    addressLimit?: { max: number; windowSeconds: number };
  };
  /** Base URL of this API as leads reach it (quote pages, the lead form's snippet); else taken from the request. */
  publicUrl?: string;
  /** Reads received emails' content for Resend's `email.received` webhook; without it such events answer 503. */
  inboundEmail?: {
    source: InboundEmailSource;
    /**
     * Addresses Herald sends every tenant's email from when the tenant has none of its own (RESEND_FROM's): a
     * reply to one goes to the tenant that last emailed its sender from it.
     */
    sharedSenders: string[];
  };
  /** Accounts and sessions (Better Auth); development settings when omitted (a fixed secret, the app on localhost:3000). */
  auth?: AuthSettings;
  /** Which hops' X-Forwarded-For is believed (Express's `trust proxy`; HERALD_TRUST_PROXY); a proxy on this machine when omitted. */
  trustProxy?: boolean | number | string;
  /** Set by createApp from `auth`: how session cookies are recognised. */
  sessions?: SessionAuth;
  /** Realtime events (GET /api/events): the process's hub, and how long a stream lasts and how often it sends a heartbeat. Without it the stream answers 503. */
  realtime?: { hub: RealtimeHub; maxStreamMs?: number; heartbeatMs?: number };
  webhooks?: {
    /** Verifies X-Twilio-Signature; without it Twilio webhooks answer 403. */
    twilioAuthToken?: string;
    /** Svix secret of the Resend webhook (whsec_…); without it Resend webhooks answer 403. */
    resendWebhookSecret?: string;
    /** The public base URL Twilio calls (signatures cover the exact URL); else taken from the request. */
    publicUrl?: string;
  };
}
