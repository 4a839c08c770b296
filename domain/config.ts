import { z } from 'zod';
import { AppError, ErrorCodes } from './errors';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

/** Temporal settings shared by the worker and the API. TLS turns on by itself when an API key is set. */
export const TemporalEnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233').describe('host:port of the Temporal frontend'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('herald'),
  TEMPORAL_API_KEY: z.string().min(1).optional().describe('Temporal Cloud API key'),
  TEMPORAL_TLS: boolish.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional().describe('mTLS client certificate (PEM)'),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional().describe('mTLS client key (PEM)'),
  TEMPORAL_UI_URL: z.url().default('http://localhost:8233').describe('Temporal Web, for links'),
});
export type TemporalEnv = z.infer<typeof TemporalEnvSchema>;

const LogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

const DatabaseUrlSchema = z
  .string()
  .min(1, 'DATABASE_URL is required (postgresql://user:password@host:5432/database)')
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgresql:// URL');

/**
 * The key that seals tenants' provider credentials (AES-256-GCM): 32 random bytes in canonical base64. Optional:
 * without it tenants cannot store credentials, and the API and worker refuse to start when some are stored.
 */
const SecretsKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/,
    'HERALD_SECRETS_KEY must be 32 random bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`',
  )
  .optional()
  .describe('Seals tenants’ provider credentials');

/** Development only: the secret everyone knows. The API refuses it in production (api/server.ts). */
export const DEVELOPMENT_AUTH_SECRET = 'herald-development-auth-secret-do-not-use-in-production';

const AuthSecretSchema = z
  .string()
  .min(32, 'HERALD_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)')
  .optional()
  .describe('Signs session cookies and seals password-reset tokens until their email is sent (the API and the worker need the same one)');

export const WorkerEnvSchema = TemporalEnvSchema.extend({
  DATABASE_URL: DatabaseUrlSchema,
  LOG_LEVEL: LogLevelSchema,
  HERALD_PUBLIC_URL: z.url().optional().describe('Public base URL of the API, for provider status callbacks'),
  HERALD_API_PORT: port.default(4000).describe('Where the API listens: the quote page links default to it'),
  HERALD_SECRETS_KEY: SecretsKeySchema,
  HERALD_APP_URL: z.url().default('http://localhost:3000').describe('Public URL of the web app: links in account emails, the origin browsers call from'),
  HERALD_AUTH_SECRET: AuthSecretSchema,
  HERALD_REALTIME_RETENTION_DAYS: z.coerce
    .number({ error: 'HERALD_REALTIME_RETENTION_DAYS must be a whole number of days (1 to 3650)' })
    .int('HERALD_REALTIME_RETENTION_DAYS must be a whole number of days (1 to 3650)')
    .min(1, 'HERALD_REALTIME_RETENTION_DAYS must be at least 1 day')
    .max(3650, 'HERALD_REALTIME_RETENTION_DAYS may be at most 3650 days')
    .default(7)
    .describe('How long the realtime event log (GET /api/events resumes from it) keeps events'),
});
export type WorkerEnv = z.infer<typeof WorkerEnvSchema>;

const TRUST_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, or a subnet in CIDR form (`10.0.0.0/8`, `fd00::/8`). */
const AddressOrSubnetSchema = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const isAddressOrSubnet = (token: string): boolean => AddressOrSubnetSchema.safeParse(token).success;

/**
 * Which hops may tell the API the client's address in X-Forwarded-For (Express's `trust proxy`): per-address limits
 * (sign-in, sign-up) count by that address, so a client must not be able to choose it. By default only a proxy on
 * this machine (the web app's) is believed; behind a load balancer name its addresses, or how many hops to trust.
 */
const TrustProxySchema = z
  .string()
  .trim()
  .default('loopback')
  .transform((value, ctx): boolean | number | string => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const tokens = value.split(',').map((t) => t.trim());
    const bad = tokens.find((t) => !TRUST_KEYWORDS.has(t) && !isAddressOrSubnet(t));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `HERALD_TRUST_PROXY: "${bad}" is not an address, a subnet (10.0.0.0/8), loopback, linklocal or uniquelocal; or give a number of hops, true or false`,
      });
      return z.NEVER;
    }
    return tokens.join(',');
  })
  .describe('Proxies whose X-Forwarded-For is believed: loopback (default), addresses or subnets, a number of hops, true or false');

export const ApiEnvSchema = TemporalEnvSchema.extend({
  DATABASE_URL: DatabaseUrlSchema,
  LOG_LEVEL: LogLevelSchema,
  HERALD_API_PORT: port.default(4000),
  HERALD_API_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('Interface to listen on: this machine only by default; 0.0.0.0 in containers (the image sets it)'),
  HERALD_PUBLIC_URL: z.url().optional().describe('Public base URL providers call back (webhook signatures cover it)'),
  HERALD_SEND_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  HERALD_SEND_BURST: z.coerce.number().int().min(1).max(100_000).optional(),
  HERALD_BULK_ENROLL_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50).describe('Enrollments a bulk enrollment starts at a time'),
  HERALD_BULK_ENROLL_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000).describe('Pause between bulk enrollment batches'),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'RESEND_WEBHOOK_SECRET starts with whsec_').optional(),
  HERALD_SECRETS_KEY: SecretsKeySchema,
  HERALD_APP_URL: z.url().default('http://localhost:3000').describe('Public URL of the web app: links in account emails, the origin browsers call from'),
  HERALD_AUTH_SECRET: AuthSecretSchema,
  HERALD_TRUST_PROXY: TrustProxySchema,
  NODE_ENV: z.string().optional(),
});
export type ApiEnv = z.infer<typeof ApiEnvSchema>;

/**
 * Parses the environment against a schema and reports every problem at once, so a misconfigured
 * deployment is fixed in one go rather than one restart per variable. Empty strings count as unset.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  • ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new AppError(ErrorCodes.CONFIG, `Invalid configuration:\n${problems.join('\n')}`);
}

export function temporalTlsEnabled(env: TemporalEnv): boolean {
  return env.TEMPORAL_TLS ?? Boolean(env.TEMPORAL_API_KEY || env.TEMPORAL_TLS_CERT_PATH);
}
